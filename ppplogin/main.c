/* ppplogin: placeholder until its own issue lands; answers --help and --version. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("ppplogin (pppsuite) %s\n", SUITE_VERSION);
        return 0;
    }
    printf("usage: ppplogin [options]\nppplogin is not implemented yet in this build.\n");
    return argc > 1 && strcmp(argv[1], "--help") == 0 ? 0 : 1;
}
