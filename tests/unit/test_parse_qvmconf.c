/* SPDX-License-Identifier: MIT
** test_parse_qvmconf.c: the .qvmconf parser (src/formats/parse_qvmconf.c) and the
** guest importer (src/formats/import_qvmconf.c): each construct with its values and
** positions, each error with its position, robustness on mangled input,
** and the round trips — every corpus and golden .qvmconf parses, imports,
** renders and parses back to the same model; every shipped guest renders
** to a file that parses back to its own model. Runs in the source root
** (CTest's working directory). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/session.h"
#include "formats/import.h"
#include "formats/parse_qvmconf.h"
#include "unit.h"

static char ROOT[PATH_MAX];
static mkb_session S;   /* the schema, and the shipped recipes for import */
static arena A;         /* what one test parses */
static diag_list D;

/* ---- helpers ----------------------------------------------------------------- */

static int open_session(mkb_session *s, const char **inc, size_t ninc) {
  mkb_options o = { 0 };
  o.incdirs = inc;
  o.ninc = ninc;
  if (session_open(s, ROOT, &o) != 0) {
    diag_print(&s->diags, stderr, 0);
    return -1;
  }
  return 0;
}

static mkb_node *parse_n(const char *text, size_t len) {
  arena_free(&A);
  arena_init(&A);
  diag_free(&D);
  diag_init(&D);
  return parse_qvmconf("t.qvmconf", text, len, S.schema, &A, &D);
}

static mkb_node *parse(const char *text) { return parse_n(text, strlen(text)); }

/* A value as compact Lua-like text: {a,b,k=v}; strings quoted. */
static void dump_to(strbuf *b, const mkb_node *n) {
  if (n == NULL) {
    sb_adds(b, "nil");
    return;
  }
  switch (n->kind) {
    case V_BOOL: sb_adds(b, n->b ? "true" : "false"); break;
    case V_INT: sb_printf(b, "%lld", n->i); break;
    case V_NUM: sb_printf(b, "%g", n->n); break;
    case V_STR: sb_printf(b, "\"%s\"", n->s); break;
    case V_TABLE:
      sb_addc(b, '{');
      for (size_t i = 0; i < n->nitems; i++) {
        if (i) sb_addc(b, ',');
        dump_to(b, n->items[i]);
      }
      for (size_t i = 0; i < n->nkeys; i++) {
        if (i || n->nitems) sb_addc(b, ',');
        sb_printf(b, "%s=", n->keys[i]);
        dump_to(b, n->vals[i]);
      }
      sb_addc(b, '}');
      break;
  }
}

static const char *dump(const mkb_node *n) {
  strbuf b;
  sb_init(&b);
  dump_to(&b, n);
  char *s = arena_strdup(&A, b.s ? b.s : "");
  sb_free(&b);
  return s;
}

/* Where a value was written: "line:col". */
static const char *pos(const mkb_node *n) {
  const mkb_def *d = n ? n->origin : NULL;
  if (d == NULL) return "none";
  if (strcmp(d->src.file, "t.qvmconf") != 0 || strcmp(d->src.recipe, "(qvmconf)") != 0 ||
      d->op != OP_SET || d->prio != PRIO_PLAIN || d->kind != n->kind)
    return "bad origin";
  return arena_printf(&A, "%d:%d", d->src.line, d->src.col);
}

/* Every diagnostic, in the order reported: "L:C: level: message" lines,
** a note indented under its diagnostic. */
static const char *diags(void) {
  static const char *const lv[] = { "error", "warning", "note" };
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; i < D.items.n; i++) {
    const diag *g = D.items.v[i];
    sb_printf(&b, "%d:%d: %s: %s\n", g->line, g->col, lv[g->level], g->msg);
    for (const diag *n = g->notes; n; n = n->next_note)
      sb_printf(&b, "  %d:%d: %s: %s\n", n->line, n->col, lv[n->level], n->msg);
  }
  char *s = arena_strdup(&A, b.s ? b.s : "");
  sb_free(&b);
  return s;
}

#define P(path) node_path(m, path)

static char *read_file(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return NULL;
  strbuf b;
  sb_init(&b);
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0) sb_addn(&b, tmp, n);
  fclose(fp);
  *len = b.len;
  if (b.s == NULL) sb_addc(&b, '\0');
  return b.s;
}

static int write_file(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  if (fp == NULL) return -1;
  fputs(text, fp);
  return fclose(fp);
}

/* ---- each construct ------------------------------------------------------------- */

static void test_basic(void) {
  mkb_node *m = parse("system g1\n"
                      "ram 0x80000000,256M\n"
                      "cpu\n"
                      "cpu\n"
                      "load /vm/images/g1.ifs\n"
                      "vdev pl011\n"
                      "    loc 0x1c090000\n"
                      "    intr gic:37\n"
                      "    hostdev >-\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(m), "{system=\"g1\",ram={start=2147483648,size=\"256M\"},cpu=2,"
                     "load={\"/vm/images/g1.ifs\"},vdevs={pl011={\"pl011\",loc=470351872,"
                     "intr=\"gic:37\",hostdev=\">-\"}}}");
  CHECK_STR(pos(m), "1:1");
  CHECK_STR(pos(P("system")), "1:8");
  CHECK_STR(pos(P("ram")), "2:1");
  CHECK_STR(pos(P("ram.start")), "2:5");
  CHECK_STR(pos(P("ram.size")), "2:16");
  CHECK_STR(pos(P("cpu")), "3:1");
  CHECK_STR(pos(P("load")->items[0]), "5:6");
  CHECK_STR(pos(P("vdevs.pl011")), "6:1");
  CHECK_STR(pos(P("vdevs.pl011")->items[0]), "6:6");
  CHECK_STR(pos(P("vdevs.pl011.loc")), "7:9");
  CHECK_STR(pos(P("vdevs.pl011.intr")), "8:10");
  CHECK_STR(pos(P("vdevs.pl011.hostdev")), "9:13");
  CHECK_STR(qvmconf_arch(m, S.schema), "aarch64le");
}

/* Line breaks carry no meaning: an option and its argument on two lines,
** tabs and spaces mixed, comments after values. */
static void test_layout(void) {
  mkb_node *m = parse("system\n  split # the name is on the next line\n"
                      "vdev pl011 loc\n\t0x1c090000 intr\n \t gic:37   # trailing\n"
                      "\t  hostdev\t>-\t# QVM console\n"
                      "# a comment line\n"
                      "vdev gic version 2\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(m), "{system=\"split\",vdevs={gic={\"gic\",version=2},pl011={\"pl011\","
                     "loc=470351872,intr=\"gic:37\",hostdev=\">-\"}}}");
  CHECK_STR(pos(P("system")), "2:3");
  CHECK_STR(pos(P("vdevs.pl011.loc")), "4:2");
  CHECK_STR(pos(P("vdevs.pl011.intr")), "5:4");
  CHECK_STR(pos(P("vdevs.pl011.hostdev")), "6:12");
  CHECK_STR(pos(P("vdevs.gic.version")), "8:18");
  /* CRLF line ends and a BOM change nothing but the text. */
  m = parse("\xef\xbb\xbfsystem crlf\r\nram 1G\r\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(m), "{system=\"crlf\",ram=\"1G\"}");
  CHECK_STR(pos(P("ram")), "2:5");
}

static void test_quoted(void) {
  mkb_node *m = parse("system q\nram 1G\ncmdline \"console=ttyAMA0 \\\n"
                      "root=/dev/vda \\\"quoted\\\" back\\\\slash\n"
                      "second line \\n kept\"\n"
                      "dump \"|gzip >dump.gz\"\n");
  CHECK_STR(diags(), "");
  CHECK_STR(node_str(m, "cmdline"),
            "console=ttyAMA0 root=/dev/vda \"quoted\" back\\slash\nsecond line \\n kept");
  CHECK_STR(pos(P("cmdline")), "3:9");
  CHECK_STR(node_str(m, "dump"), "|gzip >dump.gz");
  CHECK_STR(pos(P("dump")), "6:6");
  /* A quoted part inside a word (8.0's hostdev >"|cmd"). */
  m = parse("vdev pl011 hostdev >\"|tee /tmp/log\" loc 0x1c090000\n");
  CHECK_STR(diags(), "");
  CHECK_STR(node_str(P("vdevs.pl011"), "hostdev"), ">|tee /tmp/log");
  /* A quoted word is never an option. */
  m = parse("system \"vdev\"\n");
  CHECK_STR(diags(), "");
  CHECK_STR(node_str(m, "system"), "vdev");
}

static void test_memory(void) {
  /* One region stays as written. */
  mkb_node *m = parse("ram 512M\n");
  CHECK_STR(dump(m), "{ram=\"512M\"}");
  m = parse("ram 0xa0000\n");
  CHECK_STR(dump(m), "{ram=655360}");
  m = parse("rom 4096M,2048m\n");
  CHECK_STR(dump(m), "{rom={start=\"4096M\",size=\"2048m\"}}");
  CHECK_STR(pos(P("rom.size")), "1:11");
  /* The x86 idiom: each region gets the start qvm gives it. */
  m = parse("ram 0xa0000\nrom 0xc0000,0x40000\nram 512M\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(m), "{ram={{start=0,size=655360},{start=1048576,size=\"512M\"}},"
                     "rom={start=786432,size=262144}}");
  CHECK_STR(pos(P("ram")->items[1]), "3:1");
  CHECK_STR(pos(node_get(P("ram")->items[1], "start")), "3:5");
  CHECK(node_get(P("ram")->items[1], "start")->why != NULL);
  /* Explicit starts come in address order. */
  m = parse("ram 4096M,2048M\nram 0xD1C30000,4K\n");
  CHECK_STR(dump(m), "{ram={{start=3519217664,size=\"4K\"},{start=\"4096M\",size=\"2048M\"}}}");
  CHECK_STR(pos(P("ram")->items[0]), "2:1");
}

static void test_cpu(void) {
  mkb_node *m = parse("cpu\ncpu\ncpu\n");
  CHECK_STR(dump(m), "{cpu=3}");
  m = parse("cpu sched 10 runmask 0,1,2,3\ncpu runmask 4 sched 10r\ncpu\n"
            "cpu partition p1 cluster c0\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(m), "{cpu={{sched=10,runmask={0,1,2,3}},{sched=\"10r\",runmask={4}},{},"
                     "{partition=\"p1\",cluster=\"c0\"}}}");
  CHECK_STR(pos(P("cpu")->items[0]), "1:1");
  CHECK_STR(pos(node_get(P("cpu")->items[0], "runmask")->items[2]), "1:26");
  /* qvm's own example: ram is global and does not end the cpu context; a
  ** repeated option wins the second time. */
  m = parse("cpu sched 8 ram 32m sched 6 cpu\n");
  CHECK_STR(dump(m), "{ram=\"32m\",cpu={{sched=6},{}}}");
  CHECK_STR(diags(), "1:21: warning: 'sched' of this cpu is given twice; the last one counts\n"
                     "  1:11: note: 'sched' of this cpu is first given here\n");
}

static void test_load(void) {
  mkb_node *m = parse("ram 0x80000000,1G\nload /k/Image\ninitrd load /k/initrd.img\n"
                      "fdt load /k/board.dtb\ndata load 0x80001000,/k/blob\nload 0x80100000,a.bin\n"
                      "acpi load /k/tables.aml\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(P("load")), "{\"/k/Image\",{\"/k/initrd.img\",type=\"initrd\"},"
                             "{\"/k/board.dtb\",type=\"fdt\"},{\"/k/blob\",type=\"data\","
                             "addr=2147487744},{\"a.bin\",addr=2148532224},"
                             "{\"/k/tables.aml\",type=\"acpi\"}}");
  CHECK_STR(pos(P("load")->items[1]), "3:1");
  CHECK_STR(pos(node_get(P("load")->items[1], "type")), "3:1");
  CHECK_STR(pos(P("load")->items[1]->items[0]), "3:13");
  CHECK_STR(pos(node_get(P("load")->items[3], "addr")), "5:11");
  CHECK_STR(pos(P("load")->items[3]->items[0]), "5:22");
}

static void test_pass_reserve(void) {
  mkb_node *m = parse(
      "ram 1G\n"
      "pass loc mem:$asinfo_start{android_sysram2},$asinfo_length{android_sysram2},rwcxm\n"
      "pass loc mem:0xfe204000,0x1000,rwn intr gic:44=150\n"
      "pass loc pci:0:2.0=pci:1:0.0 loc io:0x3f8,8\n"
      "acpi pass loc mem:0x1000,0x100,r\n"
      "reserve loc mem:0xa0000,0x20000 intr 39\n"
      "reserve intr 40\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(P("pass")),
            "{{loc=\"mem:$asinfo_start{android_sysram2},$asinfo_length{android_sysram2},rwcxm\"},"
            "{loc=\"mem:0xfe204000,0x1000,rwn\",intr=\"gic:44=150\"},"
            "{loc=\"pci:0:2.0=pci:1:0.0\"},{loc=\"io:0x3f8,8\"},"
            "{loc=\"mem:0x1000,0x100,r\",type=\"acpi\"}}");
  CHECK_STR(dump(P("reserve")), "{{loc=\"mem:0xa0000,0x20000\",intr=39},{intr=40}}");
  CHECK_STR(pos(P("pass")->items[1]), "3:1");
  CHECK_STR(pos(node_get(P("pass")->items[1], "intr")), "3:41");
  CHECK_STR(pos(P("pass")->items[3]), "4:30");
  CHECK_STR(pos(node_get(P("pass")->items[4], "type")), "5:1");
  CHECK_STR(pos(node_get(P("reserve")->items[0], "intr")), "6:38");
}

static void test_globals(void) {
  mkb_node *m = parse("system s\n"
                      "set pointer-authentication off\n"
                      "set counter-offset 0\n"
                      "set host-paddr-gicd 0xff841000\n"
                      "set fdt-dump-file /tmp/fdt.dtb\n"
                      "set counter-offset 0xffffffffffffffff\n"
                      "logger debug,info,error slog\n"
                      "logger fatal stderr\n"
                      "unsupported register ignore\n"
                      "unsupported instruction abort\n"
                      "tolerance 100\n"
                      "safety warn\n"
                      "debug\n"
                      "dryrun\n");
  CHECK_STR(dump(m), "{system=\"s\",set={pointer_authentication=false,counter_offset="
                     "\"0xffffffffffffffff\",host_paddr_gicd=4286844928,fdt_dump_file="
                     "\"/tmp/fdt.dtb\"},logger={{\"debug\",\"info\",\"error\",dest=\"slog\"},"
                     "{\"fatal\",dest=\"stderr\"}},unsupported={instruction=\"abort\","
                     "register=\"ignore\"},tolerance=100,safety=\"warn\",debug=true}");
  CHECK_STR(diags(), "6:5: warning: 'set counter-offset' is given twice; the last one counts\n"
                     "  3:20: note: 'set counter-offset' is first given here\n"
                     "14:1: warning: 'dryrun' makes qvm exit before the guest runs; a recipe "
                     "has no field for it, so it is left out\n");
  CHECK_STR(pos(P("set.pointer_authentication")), "2:28");
  CHECK_STR(pos(P("logger")->items[0]->items[2]), "7:19");
  CHECK_STR(pos(P("logger.dest")), "none");
  CHECK_STR(pos(node_get(P("logger")->items[0], "dest")), "7:25");
  CHECK_STR(pos(P("unsupported.register")), "9:22");
  CHECK_STR(pos(P("debug")), "13:1");
}

static void test_vdevs(void) {
  mkb_node *m = parse("vdev ser8250 hostdev >- intr myioapic:4\n"
                      "vdev 8259 loc 0x20\n"
                      "vdev 8259 loc 0xa0\n"
                      "vdev 8259 loc io:0x4d0\n"
                      "vdev ioapic name myioapic intr apic loc 0xf8000000\n"
                      "vdev hpet intr myioapic:2 intr myioapic:8 legacy-free loc 0xf8008000\n"
                      "vdev mc146818 reg 0x0b,0x02 reg 0x0a,0x26\n"
                      "vdev virtio-net peer /dev/vdevpeers/vp0 name net0 peerfeats 0x0382 legacy\n"
                      "vdev shmem create a,4K create b,8K allow 'x*' set debug on\n"
                      "vdev virtio-blk name net0 hostdev fs.img\n");
  CHECK_STR(dump(P("vdevs")),
            "{myioapic={\"ioapic\",loc=4160749568,intr=\"apic\",name=\"myioapic\"},"
            "ser8250={\"ser8250\",intr=\"myioapic:4\",hostdev=\">-\"},"
            "8259={\"8259\",loc=\"io:0x20\"},8259-2={\"8259\",loc=\"io:0xa0\"},"
            "8259-3={\"8259\",loc=\"io:0x4d0\"},"
            "hpet={\"hpet\",loc=4160782336,intr={\"myioapic:2\",\"myioapic:8\"},legacy_free=true},"
            "mc146818={\"mc146818\",reg={\"0x0b,0x02\",\"0x0a,0x26\"}},"
            "net0={\"virtio-net\",name=\"net0\",peer=\"/dev/vdevpeers/vp0\",peerfeats=898,"
            "legacy=true},"
            "shmem={\"shmem\",set={debug=true},create={\"a,4K\",\"b,8K\"},allow=\"'x*'\"},"
            "net0-2={\"virtio-blk\",name=\"net0\",hostdev=\"fs.img\"}}");
  CHECK_STR(diags(),
            "10:22: error: two vdevs are named 'net0': the name is the path "
            "/dev/qvm/SYSTEM/net0, which must be unique\n"
            "  8:46: note: the other is named here\n"
            "1:30: error: vdev 'ser8250' names the interrupt 'myioapic:4' before the ioapic "
            "'myioapic' is defined: qvm needs an interrupt controller above the vdevs that "
            "use it\n"
            "  5:1: note: 'myioapic' is defined here\n");
  CHECK_STR(pos(P("vdevs.hpet.intr")), "6:16");
  CHECK_STR(pos(P("vdevs.hpet.intr")->items[1]), "6:32");
  CHECK_STR(pos(P("vdevs.hpet.legacy_free")), "6:43");
  CHECK_STR(pos(P("vdevs.8259-2.loc")), "3:15");
  CHECK_STR(qvmconf_arch(m, S.schema), "x86_64");
  /* An x86 ser8250's bare loc is an I/O port too. */
  m = parse("vdev ioapic name p intr apic loc 0xf8000000\nvdev ser8250 loc 0x3f8 intr p:4\n");
  CHECK_STR(diags(), "");
  CHECK_STR(node_str(P("vdevs.ser8250"), "loc"), "io:0x3f8");
  /* ... not on ARM, where it is memory-mapped. */
  m = parse("vdev ser8250 loc 0x1c0a0000 intr gic:39\n");
  CHECK_STR(dump(P("vdevs.ser8250.loc")), "470417408");
  /* Unknown types and options are the schema check's. */
  m = parse("vdev pl011 hostdevv >- loc 0x1c090000 flag\nvdev foo bar 1\n");
  CHECK_STR(diags(), "");
  CHECK_STR(dump(P("vdevs")), "{pl011={\"pl011\",loc=470351872,hostdevv=\">-\",flag=true},"
                              "foo={\"foo\",bar=1}}");
  /* A per-vdev logger: two words, one value. */
  m = parse("vdev pl011 log info,error slog loc 0x1c090000\n");
  CHECK_STR(node_str(P("vdevs.pl011"), "log"), "info,error slog");
}

static void test_arch(void) {
  mkb_node *m = parse("ram 1G\n");
  CHECK(qvmconf_arch(m, S.schema) == NULL);
  m = parse("vdev virtio-blk hostdev a.img\n");
  CHECK(qvmconf_arch(m, S.schema) == NULL);
  m = parse("ram 1G\npass loc mem:0x1000,0x1000,rw intr gic:50\n");
  CHECK_STR(qvmconf_arch(m, S.schema), "aarch64le");
  /* The majority names it: here the one pl011 is the odd one out. */
  m = parse("vdev pl011\nvdev ioapic\nvdev hpet\n");
  CHECK_STR(qvmconf_arch(m, S.schema), "x86_64");
}

static void test_errors(void) {
  parse("system a\nssytem b\n");
  CHECK_STR(diags(), "2:1: error: unknown option 'ssytem'; did you mean 'system'?\n");
  parse("ram 1G\nlaod /x\ncpu\n");
  CHECK_STR(diags(), "2:1: error: unknown option 'laod'; did you mean 'load'?\n");
  parse("cpu shced 10\n");
  CHECK_STR(diags(), "1:5: error: unknown option 'shced'; did you mean 'sched'?\n");
  parse("frobnicate all the things\nram 1G\n");
  CHECK_STR(diags(), "1:1: error: unknown option 'frobnicate'\n");
  parse("ram 1G\nload\n");
  CHECK_STR(diags(), "2:1: error: 'load' needs an argument, but the file ends\n");
  parse("vdev pl011 loc\nvdev gic\n");
  CHECK_STR(diags(), "1:12: error: 'loc' needs an argument, but 'vdev' follows at 2:1\n");
  parse("vdev\n");
  CHECK_STR(diags(), "1:1: error: 'vdev' needs an argument, but the file ends\n");
  parse("ram 1G\nsystem late\n");
  CHECK_STR(diags(), "2:1: error: 'system' must be the first entry of the file (qvm names the "
                     "VM before anything else), but 'ram' comes first at 1:1\n");
  parse("load /x\nram 1G\n");
  CHECK_STR(diags(), "1:1: error: 'load' comes before any ram or rom: qvm loads into guest "
                     "memory, which must be allocated above it\n");
  parse("initrd load /x\npass loc mem:0x0,0x1000,rwxm\nload /y\n");
  CHECK_STR(diags(), "1:1: error: 'initrd load' comes before any ram or rom: qvm loads into "
                     "guest memory, which must be allocated above it\n");
  parse("ram 1G\npass intr p:3 loc io:0x60,1\nvdev ioapic name p intr apic loc 0xf8000000\n");
  CHECK_STR(diags(), "2:11: error: a pass names the interrupt 'p:3' before the ioapic 'p' is "
                     "defined: qvm needs an interrupt controller above the vdevs that use it\n"
                     "  3:1: note: 'p' is defined here\n");
  parse("ram 1G\nfdt generate\n");
  CHECK_STR(diags(), "2:1: error: blob type 'fdt' must be followed by 'load' or 'pass'\n");
  parse("pass\nvdev gic\n");
  CHECK_STR(diags(), "1:1: error: 'pass' needs a loc or an intr after it\n");
  parse("reserve lco 0x0\n");
  CHECK_STR(diags(), "1:9: error: unknown option 'lco' of reserve (it takes loc and intr); "
                     "did you mean 'loc'?\n");
  parse("cpu\nset exit-on-halt off\n");
  CHECK_STR(diags(), "2:1: error: 'set' after 'cpu' (at 1:1) sets a variable of that vCPU, "
                     "which a recipe cannot express; a global set goes before the first cpu\n");
  parse("vdev pl011 size 0x1000\n");
  CHECK_STR(diags(), "1:12: error: 'size' is not an option of qvm (in a recipe it is "
                     "mkbuildfile's register window of the vdev, never written to the file)\n");
  parse("vdev pl011 loc 1 loc 2\n");
  CHECK_STR(diags(), "1:18: warning: 'loc' of this vdev is given twice; the last one counts\n"
                     "  1:16: note: 'loc' of this vdev is first given here\n");
  mkb_node *m = parse("system a\ncmdline \"abc\n  def");
  CHECK_STR(diags(), "2:9: warning: unterminated quoted string: it runs to the end of the "
                     "file (is the file truncated?)\n");
  CHECK_STR(node_str(m, "cmdline"), "abc\n  def");
  m = parse_n("system a\0b\0\nram 1G\n", 19);
  CHECK_STR(diags(), "1:9: error: the file holds a NUL byte: a .qvmconf is text\n"
                     "1:10: error: unknown option 'b'\n");
  CHECK_STR(dump(m), "{system=\"a\",ram=\"1G\"}");
  parse("ram 1G\npass loc mem:$asinfo_strat{x},$asinfo_length{x},rw\n"
        "pass loc mem:$asinfo_start{x,$asinfo_length{},rw\npass loc $asinfo{a}\n");
  CHECK_STR(diags(), "2:14: error: unknown substitution '$asinfo_strat'; did you mean "
                     "'$asinfo_start{NAME}'?\n"
                     "3:14: error: malformed substitution: write $asinfo_start{NAME}, with the "
                     "name of a host syspage asinfo entry in braces\n"
                     "3:30: error: malformed substitution: write $asinfo_length{NAME}, with "
                     "the name of a host syspage asinfo entry in braces\n"
                     "4:10: error: unknown substitution '$asinfo': qvm knows "
                     "$asinfo_start{NAME} and $asinfo_length{NAME}\n");
}

/* Mangled input never crashes the parser (run under MKB_SANITIZE to catch
** what does not crash at once): truncations and byte edits of real files,
** and streams of the language's own words. */
static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

static size_t fuzzed;

static void fuzz_one(const char *text, size_t len) {
  arena a;
  diag_list d;
  arena_init(&a);
  diag_init(&d);
  mkb_node *m = parse_qvmconf("f.qvmconf", text, len, S.schema, &a, &d);
  if (m) qvmconf_arch(m, S.schema);
  CHECK_INT(m != NULL, 1);
  diag_free(&d);
  arena_free(&a);
  fuzzed++;
}

static void fuzz_text(const char *text, size_t len) {
  char *buf = malloc(len + 64);
  for (size_t cut = 0; cut <= len; cut += 1 + len / 200) fuzz_one(text, cut);
  for (int k = 0; k < 300; k++) {
    size_t n = len;
    memcpy(buf, text, len);
    for (int e = 0; e < 4; e++) {
      static const char bytes[] = "\"\\#\n ,{}$:=\t\0x9";
      size_t at = n ? rnd((unsigned)n) : 0;
      char c = rnd(2) ? bytes[rnd(sizeof bytes - 1)] : (char)rnd(256);
      if (rnd(3) == 0 && n < len + 60) {
        memmove(buf + at + 1, buf + at, n - at);
        buf[at] = c;
        n++;
      } else if (n) {
        buf[at] = c;
      }
    }
    fuzz_one(buf, n);
  }
  free(buf);
}

static void fuzz_words(void) {
  static const char *const words[] = {
    "system", "ram", "rom", "reserve", "cpu", "load", "cmdline", "pass", "vdev", "set",
    "logger", "unsupported", "tolerance", "dump", "dryrun", "safety", "debug", "initrd",
    "fdt", "data", "acpi", "loc", "intr", "name", "sched", "runmask", "pl011", "ioapic",
    "gic", "hpet", "8259", "ser8250", "shmem", "0x1000", "1G", "0,1", "gic:37", "p:1",
    "\"q", "\"", "#", "\n", "x,y", "$asinfo_start{", "log", "legacy", "size", "0x10,4K",
    "mem:0,0x1000,rwm", "a:b", "on", "999999999999999999999", "",
  };
  strbuf b;
  sb_init(&b);
  for (int k = 0; k < 3000; k++) {
    sb_clear(&b);
    int n = (int)rnd(40);
    for (int i = 0; i < n; i++) {
      sb_adds(&b, words[rnd(sizeof words / sizeof *words)]);
      sb_addc(&b, rnd(4) ? ' ' : '\n');
    }
    fuzz_one(b.s ? b.s : "", b.len);
  }
  sb_free(&b);
}

/* Big files cost linear time and memory: 100 000 lines of each kind that
** grows a table (a quadratic builder would take minutes and gigabytes). */
static void test_scale(void) {
  static const char *const lines[] = {
    "cpu sched 10\n", "ram 4K\n", "vdev 8259 loc 0x%x\n", "set v%d 1\n",
    "    intr myioapic:%d\n", "pass loc mem:0x%x,0x1000,rw\n", "    opt%d 1\n",
  };
  for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
    strbuf b;
    sb_init(&b);
    if (k >= 4) sb_adds(&b, "vdev ioapic name myioapic intr apic\nvdev hpet\n");
    for (int i = 0; i < 100000; i++) sb_printf(&b, lines[k], i);
    mkb_node *m = parse_n(b.s, b.len);
    CHECK(m != NULL && m->nkeys > 0);
    sb_free(&b);
  }
  mkb_node *m = parse_n("", 0);
  CHECK_STR(dump(m), "{}");
}

/* ---- round trips ------------------------------------------------------------------- */

static char TMP[PATH_MAX];
static size_t ntrips, nshipped;

/* Does m use an option of QNX 8.0 only (a vCPU's cluster, a vdev option
** the schema gates to 8.0)? Then it is a guest of an 8.0 host. */
static int uses_qnx80(const mkb_node *m, const mkb_schema *s) {
  const mkb_node *cpu = node_get(m, "cpu");
  for (size_t i = 0; cpu && cpu->kind == V_TABLE && i < cpu->nitems; i++)
    if (node_get(cpu->items[i], "cluster")) return 1;
  const mkb_node *vdevs = node_get(m, "vdevs");
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    const vdev_type *vt = v->nitems && v->items[0]->kind == V_STR
                            ? schema_vdev(s, v->items[0]->s) : NULL;
    for (size_t k = 0; vt && k < vt->options->nfields; k++) {
      const schema_type *f = vt->options->fields[k];
      if (f->nqnx == 1 && strcmp(f->qnx[0], "8.0") == 0 && node_get(v, f->name)) return 1;
    }
  }
  return 0;
}

static const mkb_output *find_output(const mkb_render *r, const char *path) {
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->v[i].path, path) == 0) return &r->v[i];
  return NULL;
}

/* path parses to P; its import, rendered as the guest of a board of its
** architecture, parses back to P. */
static void roundtrip(const char *path) {
  size_t len;
  char *text = read_file(path, &len);
  if (text == NULL) {
    fprintf(stderr, "%s: cannot read\n", path);
    CHECK(0);
    return;
  }
  arena a;
  arena_init(&a);
  int before = S.diags.errors;
  mkb_node *p = parse_qvmconf(path, text, len, S.schema, &a, &S.diags);
  CHECK(p != NULL && S.diags.errors == before);
  /* A vdev type the schema lacks: import declares it, and reads again. */
  if (p && import_declare_vdevs(&S, p, path))
    p = parse_qvmconf(path, text, len, S.schema, &a, &S.diags);
  strbuf rec;
  sb_init(&rec);
  if (p) import_guest(&S, p, "imp", &rec);
  const char *arch = p ? qvmconf_arch(p, S.schema) : NULL;
  /* A guest given a PCI device needs a host with PCI: on ARM, the rpi4. */
  const char *board = arch && strcmp(arch, "x86_64") == 0 ? "x86_64"
                    : p && (uses_qnx80(p, S.schema) || strstr(text, "loc pci:")) ? "rpi4"
                                                                                   : "rcar_h3";
  char file[PATH_MAX + 16], bfile[PATH_MAX + 16];
  snprintf(file, sizeof file, "%s/imp.lua", TMP);
  snprintf(bfile, sizeof bfile, "%s/t.lua", TMP);
  write_file(file, rec.s ? rec.s : "");
  /* Real configurations load their guests from a partition the host
  ** mounts (the closure check then warns, not fails): the stand-in host
  ** mounts one. */
  char bt[512];
  snprintf(bt, sizeof bt, "board \"t\" { include = { \"%s\" }, guests = { \"imp\" },\n"
           "  script = append { \"mount -t qnx6 /dev/hd0t177 /\" }, files = { mount = true } }\n",
           board);
  write_file(bfile, bt);

  mkb_session s2;
  const char *inc[1] = { TMP };
  mkb_system sys;
  mkb_render out = { 0 };
  int ok = 0;
  if (p && open_session(&s2, inc, 1) == 0) {
    if (session_resolve(&s2, "t", &sys) == 0) {
      system_render(&s2, &sys, &out);
      const mkb_output *o = find_output(&out, "guests/imp/imp.qvmconf");
      CHECK(o != NULL);
      if (o) {
        int b2 = s2.diags.errors;
        mkb_node *p2 = parse_qvmconf("rendered", o->data.s, o->data.len, s2.schema, &a, &s2.diags);
        CHECK(s2.diags.errors == b2);
        ok = node_equal(p, p2);
        CHECK(ok);
        if (!ok) {
          strbuf x;
          sb_init(&x);
          dump_to(&x, p);
          sb_adds(&x, "\n    rendered back:\n");
          dump_to(&x, p2);
          fprintf(stderr, "%s: the round trip differs:\n    parsed:\n%s\n%s\n", path, x.s,
                  o->data.s);
          sb_free(&x);
        }
      }
      render_free(&out);
    } else {
      CHECK(0);
    }
    if (s2.diags.errors || !ok) {
      fprintf(stderr, "%s: import then render:\n%s", path, rec.s ? rec.s : "");
      diag_print(&s2.diags, stderr, 0);
    }
    system_free(&sys);
    session_close(&s2);
  }
  ntrips++;
  unlink(file);
  unlink(bfile);
  sb_free(&rec);
  arena_free(&a);
  free(text);
}

/* The .qvmconf files under dir (depth-first, in name order). */
static void find_qvmconfs(const char *dir, ptrvec *out, arena *a, int depth) {
  struct dirent **ents;
  int n = depth > 8 ? -1 : scandir(dir, &ents, NULL, alphasort);
  for (int i = 0; i < n; i++) {
    const char *nm = ents[i]->d_name;
    char *path = arena_printf(a, "%s/%s", dir, nm);
    struct stat st;
    if (nm[0] != '.' && stat(path, &st) == 0) {
      if (S_ISDIR(st.st_mode)) find_qvmconfs(path, out, a, depth + 1);
      else if (strstr(nm, ".qvmconf")) ptrvec_push(a, out, path);
    }
    free(ents[i]);
  }
  if (n >= 0) free(ents);
}

/* The public corpus beside the project: -1 when there is none. */
static int test_corpus(void) {
  const char *env = getenv("MKB_CORPUS");
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", env ? env : "../shared/corpus/qvmconf");
  struct stat st;
  if (stat(dir, &st) != 0) {
    snprintf(dir, sizeof dir, "%s", env ? env : "../shared/corpus");
    if (stat(dir, &st) != 0) {
      printf("SKIP corpus round trips: no corpus at %s (set MKB_CORPUS)\n", dir);
      return -1;
    }
  }
  arena a;
  arena_init(&a);
  ptrvec files = { 0 };
  find_qvmconfs(dir, &files, &a, 0);
  for (size_t i = 0; i < files.n; i++) {
    size_t len;
    char *text = read_file(files.v[i], &len);
    if (text) fuzz_text(text, len);
    free(text);
    roundtrip(files.v[i]);
  }
  printf("corpus: %zu files round-tripped\n", files.n);
  CHECK(files.n > 0);
  arena_free(&a);
  return 0;
}

static void test_golden(void) {
  arena a;
  arena_init(&a);
  ptrvec files = { 0 };
  find_qvmconfs("tests/cases", &files, &a, 0);
  size_t n = 0;
  for (size_t i = 0; i < files.n; i++) {
    if (!strstr(files.v[i], "/expected.out/")) continue;
    roundtrip(files.v[i]);
    n++;
  }
  CHECK(n > 0);
  printf("golden: %zu files round-tripped\n", n);
  arena_free(&a);
}

/* ---- the shipped guests ----------------------------------------------------------- */

/* A recipe's guest model in the shape a parsed file has. Each difference
** it removes is one the file cannot carry:
**  - fields that are never written to the file (description, arch, ifs,
**    host_files, autostart) and false booleans (written as nothing);
**  - a vdev's size (the recipe's register window for the overlap check)
**    and the device name of a pass (written as a comment);
**  - vdev keys: a file has no instance names, so the parser keys a vdev by
**    its name option or type; interrupt controllers come first;
**  - the order of keys in records (the parser's is the schema's);
**  - a set value "on"/"off" written as a string (the parser reads a
**    boolean), and a load { FILE } with nothing else (the plain FILE).
** Values themselves are compared as they are. */
static mkb_node *norm_copy(arena *a, const mkb_node *n);

static void reorder_like(arena *a, mkb_node *n, const schema_type *rec) {
  if (rec == NULL || rec->t != T_RECORD) return;
  mkb_node *t = node_new(a, V_TABLE);
  for (size_t f = 0; f < rec->nfields; f++) {
    mkb_node *v = node_get(n, rec->fields[f]->name);
    if (v) node_set(a, t, rec->fields[f]->name, v);
  }
  for (size_t k = 0; k < n->nkeys; k++)
    if (!node_get(t, n->keys[k])) node_set(a, t, n->keys[k], n->vals[k]);
  n->keys = t->keys;
  n->vals = t->vals;
  n->nkeys = t->nkeys;
}

static mkb_node *norm_copy(arena *a, const mkb_node *n) {
  mkb_node *c = node_new(a, n->kind);
  c->b = n->b;
  c->i = n->i;
  c->n = n->n;
  c->s = n->s;
  for (size_t i = 0; n->kind == V_TABLE && i < n->nitems; i++)
    node_push(a, c, norm_copy(a, n->items[i]));
  for (size_t i = 0; n->kind == V_TABLE && i < n->nkeys; i++) {
    const mkb_node *v = n->vals[i];
    if (v->kind == V_BOOL && !v->b) continue;
    node_set(a, c, n->keys[i], norm_copy(a, v));
  }
  return c;
}

static const schema_type *field_type(const schema_type *rec, const char *name) {
  for (size_t i = 0; rec && i < rec->nfields; i++)
    if (strcmp(rec->fields[i]->name, name) == 0) return rec->fields[i];
  return NULL;
}

static const schema_type *inner_record(const schema_type *t) {
  if (t == NULL) return NULL;
  if (t->t == T_RECORD) return t;
  if (t->t == T_LIST) return inner_record(t->of);
  for (size_t i = 0; t->t == T_ONEOF && i < t->ntypes; i++) {
    const schema_type *r = inner_record(t->types[i]);
    if (r) return r;
  }
  return NULL;
}

static mkb_node *normalise(arena *a, const mkb_node *g) {
  static const char *const never[] = { "description", "arch", "ifs", "host_files", "autostart",
                                       "launch", "partition", "partition_files", NULL };
  const schema_type *gt = S.schema->guest;
  mkb_node *m = norm_copy(a, g);
  for (int i = 0; never[i]; i++) {
    mkb_node *t = node_new(a, V_TABLE);
    for (size_t k = 0; k < m->nkeys; k++)
      if (strcmp(m->keys[k], never[i]) != 0) node_set(a, t, m->keys[k], m->vals[k]);
    m->keys = t->keys;
    m->vals = t->vals;
    m->nkeys = t->nkeys;
  }
  reorder_like(a, m, gt);
  mkb_node *cpu = node_get(m, "cpu");
  for (size_t i = 0; cpu && cpu->kind == V_TABLE && i < cpu->nitems; i++)
    reorder_like(a, cpu->items[i], inner_record(field_type(gt, "cpu")));
  mkb_node *pass = node_get(m, "pass");
  for (size_t i = 0; pass && i < pass->nitems; i++) {
    mkb_node *p = pass->items[i], *t = node_new(a, V_TABLE);
    for (size_t k = 0; k < p->nkeys; k++)
      if (strcmp(p->keys[k], "device") != 0) node_set(a, t, p->keys[k], p->vals[k]);
    pass->items[i] = t;
    reorder_like(a, t, inner_record(field_type(gt, "pass")));
  }
  mkb_node *load = node_get(m, "load");
  for (size_t i = 0; load && i < load->nitems; i++)
    if (load->items[i]->kind == V_TABLE && load->items[i]->nkeys == 0)
      load->items[i] = load->items[i]->items[0];
  mkb_node *set = node_get(m, "set");
  for (size_t k = 0; set && k < set->nkeys; k++) {
    mkb_node *v = set->vals[k];
    if (v->kind == V_STR && (strcmp(v->s, "on") == 0 || strcmp(v->s, "off") == 0)) {
      v->kind = V_BOOL;
      v->b = v->s[1] == 'n';
    }
  }
  mkb_node *vdevs = node_get(m, "vdevs");
  if (vdevs) {
    mkb_node *nv = node_new(a, V_TABLE);
    strmap taken;
    strmap_init(&taken);
    const char **keys = calloc(vdevs->nkeys + 1, sizeof *keys);
    for (size_t k = 0; k < vdevs->nkeys; k++) {
      const mkb_node *v = vdevs->vals[k];
      const char *base = node_str(v, "name") ? node_str(v, "name") : v->items[0]->s;
      const char *key = base;
      for (int i = 2; strmap_get(&taken, key); i++) key = arena_printf(a, "%s-%d", base, i);
      strmap_put(&taken, key, (void *)1);
      keys[k] = key;
    }
    for (int pics = 1; pics >= 0; pics--)
      for (size_t k = 0; k < vdevs->nkeys; k++) {
        mkb_node *v = vdevs->vals[k];
        const vdev_type *vt = schema_vdev(S.schema, v->items[0]->s);
        if ((vt && vt->pic) != pics) continue;
        mkb_node *t = node_new(a, V_TABLE);
        node_push(a, t, v->items[0]);
        for (size_t i = 0; i < v->nkeys; i++)
          if (strcmp(v->keys[i], "size") != 0 && strcmp(v->keys[i], "to") != 0 &&
              strcmp(v->keys[i], "disk") != 0)
            node_set(a, t, v->keys[i], v->vals[i]);
        if (vt) reorder_like(a, t, vt->options);
        node_set(a, nv, keys[k], t);
      }
    free(keys);
    strmap_free(&taken);
    node_set(a, m, "vdevs", nv);
  }
  return m;
}

static void shipped(const char **inc, size_t ninc) {
  mkb_session s;
  if (open_session(&s, inc, ninc) != 0) {
    CHECK(0);
    return;
  }
  const char **boards;
  size_t nb = session_boards(&s, &boards);
  for (size_t b = 0; b < nb; b++) {
    mkb_system sys;
    if (session_resolve(&s, boards[b], &sys) != 0) {
      fprintf(stderr, "board %s does not resolve:\n", boards[b]);
      diag_print(&s.diags, stderr, 0);
      CHECK(0);
      system_free(&sys);
      continue;
    }
    mkb_render out;
    system_render(&s, &sys, &out);
    for (size_t i = 0; i < sys.nguests; i++) {
      const mkb_guest *g = &sys.guests[i];
      char path[512];
      snprintf(path, sizeof path, "guests/%s/%s.qvmconf", g->name, g->name);
      const mkb_output *o = find_output(&out, path);
      CHECK(o != NULL);
      if (o == NULL) continue;
      arena a;
      arena_init(&a);
      int before = s.diags.errors;
      mkb_node *p = parse_qvmconf(path, o->data.s, o->data.len, s.schema, &a, &s.diags);
      CHECK(s.diags.errors == before);
      mkb_node *want = normalise(&a, g->model);
      int ok = node_equal(want, p);
      CHECK(ok);
      if (!ok) {
        strbuf x;
        sb_init(&x);
        dump_to(&x, want);
        sb_adds(&x, "\n  parsed:\n");
        dump_to(&x, p);
        fprintf(stderr, "board %s, guest %s: the model and its file differ:\n  model:\n%s\n",
                boards[b], g->name, x.s);
        sb_free(&x);
      }
      nshipped++;
      arena_free(&a);
    }
    render_free(&out);
    system_free(&sys);
  }
  session_close(&s);
}

/* test_parse_qvmconf [--corpus]: the tests, or only those over the public
** corpus, which exit 77 (CTest: skipped) when there is no corpus. */
int main(int argc, char **argv) {
  int corpus_only = argc > 1 && strcmp(argv[1], "--corpus") == 0;
  if (getcwd(ROOT, sizeof ROOT) == NULL || access("lua/prelude.lua", R_OK) != 0) {
    fprintf(stderr, "run in the source root (lua/prelude.lua not found)\n");
    return 1;
  }
  if (open_session(&S, NULL, 0) != 0) return 1;
  arena_init(&A);
  diag_init(&D);
  snprintf(TMP, sizeof TMP, "/tmp/mkb-qvmconf-XXXXXX");
  if (mkdtemp(TMP) == NULL) return 1;
  if (corpus_only) {
    int absent = test_corpus() < 0;
    rmdir(TMP);
    diag_free(&D);
    arena_free(&A);
    session_close(&S);
    return absent ? 77 : unit_report();
  }

  test_basic();
  test_layout();
  test_quoted();
  test_memory();
  test_cpu();
  test_load();
  test_pass_reserve();
  test_globals();
  test_vdevs();
  test_arch();
  test_errors();
  fuzz_words();
  test_scale();
  test_golden();
  const char *family[1] = { "examples/family" };
  shipped(NULL, 0);
  shipped(family, 1);
  printf("round trips: %zu imported files, %zu shipped guests; %zu mangled inputs parsed\n",
         ntrips, nshipped, fuzzed);

  rmdir(TMP);
  diag_free(&D);
  arena_free(&A);
  session_close(&S);
  return unit_report();
}
