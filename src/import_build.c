#include "import.h"
void import_board(mkb_session *s, const mkb_node *board, const char *name, strbuf *out) { (void)s; (void)board; (void)name; (void)out; }
