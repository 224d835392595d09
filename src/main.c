/* main: the aulataulu program. Everything is in the library (src/). */
#include "config.h"

#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
