#include "show.h"
void show_text(const mkb_system *sys, FILE *out) { (void)sys; (void)out; }
void show_json(const mkb_system *sys, FILE *out) { (void)sys; (void)out; }
