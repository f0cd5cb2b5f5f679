/* The one file reader: a whole file into memory, bounded. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base.h"

/* Opens path for reading; a directory counts as missing. With
 * regular_only, anything but a regular file (a FIFO, a device) is refused
 * without blocking in open() or read(). */
static slate_status open_file(const char *path, size_t max, int regular_only, int *fd,
                              int *sys_errno) {
    struct stat st;
    *fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
    if (*fd < 0 || fstat(*fd, &st) != 0) {
        *sys_errno = errno;
        if (*fd >= 0) close(*fd);
        return *sys_errno == ENOENT || *sys_errno == ENOTDIR ? SLATE_ENOENT : SLATE_EIO;
    }
    if (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max)) {
        close(*fd);
        *sys_errno = S_ISDIR(st.st_mode) ? EISDIR : EFBIG;
        return S_ISDIR(st.st_mode) ? SLATE_ENOENT : SLATE_ELIMIT;
    }
    if (regular_only && !S_ISREG(st.st_mode)) {
        close(*fd);
        *sys_errno = EINVAL;
        return SLATE_EIO;
    }
    return SLATE_OK;
}

/* Reads fd to its end (a pipe has no size to ask for), at most max bytes. */
static slate_status read_all(int fd, size_t max, char **text, size_t *len, int *sys_errno) {
    size_t cap = 0, got = 0;
    char *buf = NULL;
    for (;;) {
        if (got == cap) {
            size_t want = cap == 0 ? 1 << 16 : cap * 2;
            if (cap > max) {
                slate__free(buf);
                *sys_errno = EFBIG;
                return SLATE_ELIMIT;
            }
            char *bigger = slate__realloc(buf, want + 1);
            if (bigger == NULL) {
                slate__free(buf);
                return SLATE_ENOMEM;
            }
            buf = bigger;
            cap = want;
        }
        ssize_t n = read(fd, buf + got, cap - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            *sys_errno = errno;
            slate__free(buf);
            return SLATE_EIO;
        }
        if (n == 0) break;
        got += (size_t)n;
    }
    if (got > max) {
        slate__free(buf);
        *sys_errno = EFBIG;
        return SLATE_ELIMIT;
    }
    buf[got] = '\0';
    *text = buf;
    *len = got;
    return SLATE_OK;
}

slate_status slate__read_file(const char *path, size_t max, int regular_only, char **text,
                              size_t *len, int *sys_errno) {
    int fd;
    *text = NULL;
    *len = 0;
    *sys_errno = 0;
    slate_status st = open_file(path, max, regular_only, &fd, sys_errno);
    if (st != SLATE_OK) return st;
    st = read_all(fd, max, text, len, sys_errno);
    close(fd);
    return st;
}

const char *slate__file_problem(slate_status st, int sys_errno) {
    switch (st) {
    case SLATE_ENOENT: return sys_errno == EISDIR ? "a directory, not a file" : "no such file";
    case SLATE_ELIMIT: return "larger than the limit";
    case SLATE_ENOMEM: return "out of memory";
    default:
        return sys_errno == EACCES   ? "permission denied"
               : sys_errno == EINVAL ? "not a regular file"
                                     : "read error";
    }
}

slate_status slate__check_time(slate_time t, const char *what, slate_error *err) {
    if (slate__time_in_range(t)) return SLATE_OK;
    return slate__fail(err, SLATE_ERANGE, "%s is outside the years %d to %d", what, SLATE_YEAR_MIN,
                       SLATE_YEAR_MAX);
}
