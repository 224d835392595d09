/* SPDX-License-Identifier: EUPL-1.2 */
/* main: the aulataulu program: the core (src/) with the kiosk (screens/). */
#include "config.h"

#include "cli/cli.h"
#include "kiosk.h"

int main(int argc, char **argv)
{
	cli_kiosk = kiosk_run;
	return cli_main(argc, argv);
}
