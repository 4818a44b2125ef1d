/* Board bring-up called by crt0 before constructors and main. */
#include "hal/uart.h"

void pimsoc_board_init(void);

void pimsoc_board_init(void) { uart_init(); }
