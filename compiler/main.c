/* main.c: the bwc command line. */
#include <config.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"

enum { EXIT_ERRORS = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
  "Usage: bwc [OPTIONS] FILE...\n"
  "Check boundwire schema files and generate code from them.\n"
  "\n"
  "Options:\n"
  "  --check             check the schemas and write nothing, whatever\n"
  "                      output options are given (the default without any)\n"
  "      --c-out DIR     write C types and codecs for each schema to DIR\n"
  "      --proto-out DIR write an equivalent .proto for each schema to DIR\n"
  "      --python-out DIR\n"
  "                      write a CPython extension module (C source and\n"
  "                      .pyi stub) for each package to DIR, with the C\n"
  "                      codecs it is built on\n"
  "  -I, --include DIR   look for imported files in DIR too (repeatable;\n"
  "                      searched after the importing file's folder)\n"
  "      --max-errors N  stop after N errors (default %d; 0 for no limit)\n"
  "  -v, --verbose       say what was checked or written\n"
  "  -h, --help          show this help and exit\n"
  "  -V, --version       show the version and exit\n"
  "\n"
  "Exit status: 0 when every file is valid (warnings allowed), 1 when\n"
  "any error was reported, 2 for a usage error.\n";

typedef struct options {
  bool verbose;
  bool check_only;
  const char *c_out;
  const char *proto_out;
  const char *python_out;
  unsigned max_errors;
  const char **includes;
  int include_count;
} options;

static void usage_error(const char *message, const char *arg)
{
  fprintf(stderr, "bwc: %s%s%s\n", message, arg ? ": " : "",
          arg ? arg : "");
  fputs("Try 'bwc --help' for more information.\n", stderr);
  exit(EXIT_USAGE);
}

static unsigned parse_count(const char *text)
{
  char *end;
  unsigned long n = strtoul(text, &end, 10);
  if (*text == '\0' || *end != '\0' || text[0] == '-' || n > 1000000)
    usage_error("--max-errors takes a count from 0 to 1000000", text);
  return (unsigned)n;
}

enum {
  OPT_CHECK = 256, OPT_MAX_ERRORS, OPT_C_OUT, OPT_PROTO_OUT, OPT_PYTHON_OUT
};

static const struct option long_options[] = {
  { "check", no_argument, NULL, OPT_CHECK },
  { "c-out", required_argument, NULL, OPT_C_OUT },
  { "proto-out", required_argument, NULL, OPT_PROTO_OUT },
  { "python-out", required_argument, NULL, OPT_PYTHON_OUT },
  { "include", required_argument, NULL, 'I' },
  { "max-errors", required_argument, NULL, OPT_MAX_ERRORS },
  { "verbose", no_argument, NULL, 'v' },
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, 'V' },
  { NULL, 0, NULL, 0 },
};

static void parse_options(int argc, char **argv, options *opt)
{
  opt->max_errors = BWC_DEFAULT_MAX_ERRORS;
  /* getopt names the program in its own messages: keep them short. */
  argv[0] = (char *)"bwc";
  opt->includes = calloc((size_t)argc, sizeof *opt->includes);
  if (opt->includes == NULL)
    exit(EXIT_USAGE);
  int c;
  while ((c = getopt_long(argc, argv, "I:vhV", long_options, NULL)) != -1) {
    switch (c) {
    case OPT_CHECK:
      opt->check_only = true;
      break;
    case OPT_C_OUT:
      opt->c_out = optarg;
      break;
    case OPT_PROTO_OUT:
      opt->proto_out = optarg;
      break;
    case OPT_PYTHON_OUT:
      opt->python_out = optarg;
      break;
    case 'I':
      opt->includes[opt->include_count++] = optarg;
      break;
    case OPT_MAX_ERRORS:
      opt->max_errors = parse_count(optarg);
      break;
    case 'v':
      opt->verbose = true;
      break;
    case 'h':
      printf(usage_text, BWC_DEFAULT_MAX_ERRORS);
      exit(EXIT_SUCCESS);
    case 'V':
      printf("bwc (boundwire) %s\n", PACKAGE_VERSION);
      exit(EXIT_SUCCESS);
    default:
      fputs("Try 'bwc --help' for more information.\n", stderr);
      exit(EXIT_USAGE);
    }
  }
  if (optind >= argc)
    usage_error("no schema file given", NULL);
}

/* Runs each back end the command line asked for, once the schemas have
 * checked clean. */
static void generate(bwc_compilation *comp, const options *opt)
{
  if (opt->check_only || (opt->c_out == NULL && opt->proto_out == NULL &&
                          opt->python_out == NULL))
    return;
  if (!bwc_check_stems(comp))
    return;
  if (opt->c_out != NULL)
    bwc_gen_c(comp, opt->c_out, opt->verbose);
  if (opt->proto_out != NULL)
    bwc_gen_proto(comp, opt->proto_out, opt->verbose);
  if (opt->python_out != NULL)
    bwc_gen_py(comp, opt->python_out, opt->verbose);
}

int main(int argc, char **argv)
{
  options opt;
  memset(&opt, 0, sizeof opt);
  parse_options(argc, argv, &opt);

  bwc_diag diag;
  bwc_diag_init(&diag, stderr, opt.max_errors);
  bwc_arena *arena = bwc_arena_new();
  bwc_compilation comp;
  bwc_compilation_init(&comp, arena, &diag);
  for (int i = 0; i < opt.include_count; i++)
    bwc_compilation_add_include(&comp, opt.includes[i]);

  for (int i = optind; i < argc && !bwc_diag_stopped(&diag); i++)
    bwc_load_path(&comp, argv[i]);
  if (!bwc_diag_stopped(&diag) && bwc_check(&comp))
    generate(&comp, &opt);

  if (opt.verbose)
    fprintf(stderr, "bwc: checked %zu file%s: %u error%s, %u warning%s\n",
            comp.file_count, comp.file_count == 1 ? "" : "s", diag.errors,
            diag.errors == 1 ? "" : "s", diag.warnings,
            diag.warnings == 1 ? "" : "s");
  int status = diag.errors > 0 ? EXIT_ERRORS : EXIT_SUCCESS;
  bwc_arena_free(arena);
  free(opt.includes);
  return status;
}
