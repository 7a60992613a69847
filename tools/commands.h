/* The subcommands of sxs. Each lives in tools/cmd_NAME.c and defines
 * int cmd_NAME(int argc, char **argv), argv[0] being the subcommand name.
 * They are declared weak so that the command builds while a subcommand is
 * not yet part of the tree; sxs.c lists only those present. */
#ifndef SXS_TOOLS_COMMANDS_H
#define SXS_TOOLS_COMMANDS_H

#define SXS_COMMAND(name) \
  int cmd_##name(int argc, char **argv) __attribute__((weak))

SXS_COMMAND(extract);
SXS_COMMAND(rebuild);
SXS_COMMAND(check);
SXS_COMMAND(merge);
SXS_COMMAND(stats);
SXS_COMMAND(align);
SXS_COMMAND(diff);
SXS_COMMAND(repair);

#endif
