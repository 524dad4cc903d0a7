/* Replays fuzz inputs through LLVMFuzzerTestOneInput without libFuzzer
 * (HarfBuzz test/fuzzing/main.cc): every file named on the command line,
 * or every file in the directories named.  A crash or a sanitizer report
 * fails the test; output is not checked. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL)) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    g_free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int n = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            GDir *dir = g_dir_open(argv[i], 0, NULL);
            const char *name;
            GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
            while (dir && (name = g_dir_read_name(dir)))
                g_ptr_array_add(names, g_build_filename(argv[i], name, NULL));
            if (dir)
                g_dir_close(dir);
            for (guint k = 0; k < names->len; k++, n++)
                bad += run_file(g_ptr_array_index(names, k));
            g_ptr_array_free(names, TRUE);
        } else {
            bad += run_file(argv[i]);
            n++;
        }
    }
    printf("replayed %d inputs\n", n);
    return bad ? 1 : 0;
}
