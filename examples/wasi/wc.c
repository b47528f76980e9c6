/* wc: counts the lines, words and bytes of stdin, and the most frequent letter. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
  long lines = 0, words = 0, bytes = 0, letters[26] = {0};
  int c, in_word = 0;
  while ((c = getchar()) != EOF) {
    bytes++;
    if (c == '\n') lines++;
    if (isspace(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      words++;
    }
    if (c < 128 && isalpha(c)) letters[tolower(c) - 'a']++;
  }
  int top = 0;
  for (int i = 1; i < 26; i++)
    if (letters[i] > letters[top]) top = i;
  printf("%7ld %7ld %7ld\n", lines, words, bytes);
  printf("most frequent letter: %c (%ld times)\n", 'a' + top, letters[top]);
  return 0;
}
