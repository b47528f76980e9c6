/* Clocks and sleeping. The values vary from run to run, so the program
 * prints properties of them. */
#include <poll.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

static long long now(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return ns(t);
}

static const char *yes(int ok) { return ok ? "yes" : "NO"; }

int main(void) {
  struct timespec res;
  printf("realtime resolution in (0, 1ms]: %s\n",
         yes(clock_getres(CLOCK_REALTIME, &res) == 0 && ns(res) > 0 && ns(res) <= 1000000));
  printf("monotonic resolution in (0, 1ms]: %s\n",
         yes(clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 && ns(res) <= 1000000));

  long long real = now(CLOCK_REALTIME);
  printf("realtime after 2020: %s\n", yes(real / 1000000000LL > 1577836800LL));
  time_t t = time(NULL);
  printf("time() agrees with realtime: %s\n", yes(t - real / 1000000000LL <= 1 && real / 1000000000LL - t <= 1));
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday agrees: %s\n", yes(tv.tv_sec - t <= 1 && t - tv.tv_sec <= 1 && tv.tv_usec < 1000000));

  int monotonic = 1;
  long long prev = now(CLOCK_MONOTONIC);
  for (int i = 0; i < 1000; i++) {
    long long cur = now(CLOCK_MONOTONIC);
    if (cur < prev) monotonic = 0;
    prev = cur;
  }
  printf("monotonic never goes back: %s\n", yes(monotonic));

  long long start = now(CLOCK_MONOTONIC);
  struct timespec nap = {.tv_sec = 0, .tv_nsec = 20000000};
  int r = nanosleep(&nap, NULL);
  long long slept = now(CLOCK_MONOTONIC) - start;
  printf("nanosleep(20ms) returns 0: %s\n", yes(r == 0));
  printf("nanosleep slept >= 20ms and < 2s: %s\n", yes(slept >= 20000000 && slept < 2000000000));

  start = now(CLOCK_MONOTONIC);
  struct timespec until = {.tv_sec = (start + 15000000) / 1000000000, .tv_nsec = (start + 15000000) % 1000000000};
  r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
  printf("clock_nanosleep(TIMER_ABSTIME) reaches its deadline: %s\n", yes(r == 0 && now(CLOCK_MONOTONIC) >= start + 15000000));

  start = now(CLOCK_MONOTONIC);
  r = poll(NULL, 0, 10);
  slept = now(CLOCK_MONOTONIC) - start;
  printf("poll(no fds, 10ms) times out after >= 10ms: %s\n", yes(r == 0 && slept >= 10000000));

  start = now(CLOCK_MONOTONIC);
  usleep(5000);
  printf("usleep(5ms): %s\n", yes(now(CLOCK_MONOTONIC) - start >= 5000000));

  time_t epoch = 1234567890;
  struct tm *utc = gmtime(&epoch);
  char text[64];
  strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", utc);
  printf("gmtime(1234567890): %s, weekday %d, yearday %d\n", text, utc->tm_wday, utc->tm_yday);
  return 0;
}
