#include "depfile.h"
void depfile_text(const char *const *targets, size_t ntargets, const mkb_system *sys, strbuf *out) { (void)targets; (void)ntargets; (void)sys; (void)out; }
void ninja_text(const char *exe, const char *const *incdirs, size_t ninc, const char *const *sets, size_t nsets, const char *const *boards, const mkb_render *renders, size_t n, strbuf *out) { (void)exe; (void)incdirs; (void)ninc; (void)sets; (void)nsets; (void)boards; (void)renders; (void)n; (void)out; }
