#include "engine/io/atomic_file.h"

#include "engine/core/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace normscope {

namespace {

std::string errnoText(int error, const char* fallback)
{
    return error != 0 ? std::string(std::strerror(error)) : std::string(fallback);
}

std::string directoryOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

/// Creates an empty file next to path with a fresh name and returns that name. O_EXCL guarantees the
/// name is ours; mode 0666 lets the umask decide the permissions, as for any new file (mkstemp would
/// force 0600 on every file the user exports).
std::string createTemporaryFile(const std::string& path)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device entropy;
    std::mt19937 random(entropy());
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(alphabet) - 2);
    int lastError = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string name = path + ".tmp";
        for (int i = 0; i < 6; ++i)
            name += alphabet[pick(random)];
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            return name;
        }
        lastError = errno;
        if (lastError != EEXIST)
            break;
    }
    throw Error(path + ": cannot create a temporary file in '" + directoryOf(path)
                + "': " + errnoText(lastError, "unknown error"));
}

/// The data must be on disk before the rename makes it visible, or a crash could leave an empty file
/// under the final name. fsync works on a read-only descriptor of the same file.
int syncFile(const std::string& name)
{
    const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    const int result = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return result;
}

} // namespace

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    if (path.empty())
        throw Error("cannot write a file with an empty name");
    const std::string temporary = createTemporaryFile(path);
    try {
        struct stat existing {};
        if (::stat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
            ::chmod(temporary.c_str(), existing.st_mode & 07777);

        errno = 0;
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(path + ": cannot open '" + temporary + "' for writing: " + errnoText(errno, "unknown error"));
        // errno is read right after each step: a full disk fails the write inside the callback.
        errno = 0;
        write(out);
        if (out)
            out.flush();
        if (!out)
            throw Error(path + ": write failed: " + errnoText(errno, "the stream reported an error"));
        errno = 0;
        out.close();
        if (!out)
            throw Error(path + ": write failed when closing: " + errnoText(errno, "unknown error"));
        if (const int error = syncFile(temporary))
            throw Error(path + ": cannot sync to disk: " + errnoText(error, "unknown error"));
        if (std::rename(temporary.c_str(), path.c_str()) != 0)
            throw Error(path + ": cannot replace the file: " + errnoText(errno, "unknown error"));
    } catch (...) {
        std::remove(temporary.c_str());
        throw;
    }
}

} // namespace normscope
