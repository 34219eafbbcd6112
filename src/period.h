/* period.h: a report's period (a year, or a phase) as the central passes it, in one int. */
#ifndef XHHT_PERIOD_H
#define XHHT_PERIOD_H

#include <stdbool.h>

/* A report's period as the central's readers pass it, in one int where they took a year: a
 * yearly report's is its year (2025), a phase review's phase_first * 10000 + its closing year
 * (20232025, the review 2023-2025). Every query of the central's reports by period binds the key
 * with store.h's letter 'p' (its year and phase_first, two parameters, for plain columns) and
 * combines the two columns it reads with PERIOD_KEY: so that whatever is given a year reads the
 * yearly report alone, never a phase review (design: nothing of a phase review counts for a
 * year), and this rule is written here alone. */
#define PERIOD_KEY(year, phase_first) ((phase_first) * 10000 + (year))
#define PERIOD_YEAR(key) ((key) % 10000)
#define PERIOD_FIRST(key) ((key) / 10000)
/* The period of key as people read it ("2025", "2023-2025": report_period_text). */
void period_key_text(int key, char *out); /* REPORT_PERIOD_SIZE bytes (report.h) */
/* The period of key as messages name it after "báo cáo" / "the ... report": "năm 2025",
 * "giai đoạn 2023-2025" in Vietnamese; "2025", "2023-2025" in English. */
#define PERIOD_WORDS_SIZE 40
void period_key_words(int key, char *out); /* PERIOD_WORDS_SIZE bytes */
/* Parses "2025" or "2023-2025" (report_parse_period) into a key. (These three: merged.c.) */
bool period_key_parse(const char *s, int *key);

#endif
