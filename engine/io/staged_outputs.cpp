// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/staged_outputs.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace normscope {

namespace {

std::string reason(int error)
{
    return error != 0 ? std::string(std::strerror(error)) : std::string("unknown error");
}

/// The file a write to `given` lands in: symlinks followed (a dangling one to the file it names).
fs::path followLinks(const std::string& given)
{
    fs::path p = given;
    for (int hop = 0; hop < 40; ++hop) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                return p;
            throw Error(given + ": cannot be written: " + reason(errno));
        }
        if (!S_ISLNK(st.st_mode))
            return p;
        std::error_code ec;
        const fs::path target = fs::read_symlink(p, ec);
        if (ec)
            throw Error(given + ": cannot read the symbolic link: " + ec.message());
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    throw Error(given + ": cannot be written: " + reason(ELOOP));
}

fs::path absoluteNormal(const fs::path& p)
{
    return fs::absolute(p).lexically_normal();
}

std::string randomSuffix()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static std::mt19937_64 random{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(alphabet) - 2);
    std::string s;
    for (int i = 0; i < 12; ++i)
        s += alphabet[pick(random)];
    return s;
}

mode_t newFileMode()
{
    // umask can only be read by setting it; set it straight back.
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return 0666 & ~mask;
}

/// Writes the staging file completely and to disk, or throws Error with the system's reason.
void writeStaged(const fs::path& staged, const std::string& destination, const StagedOutputs::Writer& write)
{
    errno = 0;
    std::ofstream out(staged, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error(destination + ": cannot be written: " + reason(errno));
    // errno is read right after each step: a full disk or the file size limit fails inside write.
    errno = 0;
    write(out);
    if (out)
        out.flush();
    if (!out)
        throw Error(destination + ": cannot be written: " + reason(errno));
    errno = 0;
    out.close();
    if (!out)
        throw Error(destination + ": cannot be written: " + reason(errno));
    // The data must be on disk before the rename makes it visible, or a crash could leave an empty
    // file under the final name.
    const int syncFd = ::open(staged.c_str(), O_RDONLY | O_CLOEXEC);
    const int syncError = syncFd < 0 ? errno : (::fsync(syncFd) == 0 ? 0 : errno);
    if (syncFd >= 0)
        ::close(syncFd);
    if (syncError != 0)
        throw Error(destination + ": cannot be written to disk: " + reason(syncError));
}

} // namespace

struct StagedOutputs::Entry {
    std::string given;                  ///< as the user named it, for messages
    fs::path destination;               ///< the file written: symlinks followed
    std::optional<mode_t> existingMode; ///< the replaced file's permissions
    std::vector<fs::path> toCreate;     ///< missing directories, outermost first
    fs::path staged;
    std::unique_ptr<SignalCleanup> stagedCleanup;
    fs::path backup; ///< the replaced file, kept until the commit succeeds
    std::unique_ptr<SignalCleanup> commitCleanup;
    bool committed = false;
};

StagedOutputs::StagedOutputs() = default;

StagedOutputs::~StagedOutputs()
{
    if (committed_)
        return;
    for (const auto& e : entries_)
        if (!e->staged.empty())
            ::unlink(e->staged.c_str());
}

void StagedOutputs::stage(const std::string& destination, const Writer& write, bool createDirectory)
{
    if (committed_)
        throw std::logic_error("StagedOutputs::stage after commit");
    if (destination.empty())
        throw Error("an output file name is empty");
    auto e = std::make_unique<Entry>();
    e->given = destination;
    e->destination = absoluteNormal(followLinks(destination));

    struct stat st {};
    if (::stat(e->destination.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            throw Error(destination + ": is a directory");
        if (!S_ISREG(st.st_mode))
            throw Error(
                destination
                + ": is not a regular file (a device, FIFO or socket); outputs are written only to regular files");
        e->existingMode = st.st_mode & 07777;
    } else if (errno != ENOENT && errno != ENOTDIR) {
        throw Error(destination + ": cannot be written: " + reason(errno));
    }

    // Find the nearest existing directory; what is missing above the file is created by commit().
    fs::path dir = e->destination.parent_path();
    for (;;) {
        if (::stat(dir.c_str(), &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                throw Error(destination + ": cannot be written: " + dir.string() + " is not a directory");
            break;
        }
        if (errno != ENOENT)
            throw Error(destination + ": cannot be written: " + dir.string() + ": " + reason(errno));
        if (!createDirectory)
            throw Error(destination + ": cannot be written: directory " + dir.string() + " does not exist ("
                        + reason(ENOENT) + ")");
        e->toCreate.insert(e->toCreate.begin(), dir);
        dir = dir.parent_path();
    }

    for (const auto& other : entries_) {
        if (other->destination == e->destination)
            throw Error("the same file is given for two outputs: " + destination);
        for (const fs::path& d : e->toCreate)
            if (d == other->destination)
                throw Error(destination + ": needs a directory " + d.string() + " where another output writes a file");
        for (const fs::path& d : other->toCreate)
            if (d == e->destination)
                throw Error(destination + ": is a directory another output needs");
    }

    // The name is registered before the file exists (see SignalCleanup), then created exclusively.
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        const fs::path name = dir / (".normscope-" + randomSuffix());
        auto cleanup = std::make_unique<SignalCleanup>(name.string());
        fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            e->staged = name;
            e->stagedCleanup = std::move(cleanup);
        } else if (errno != EEXIST) {
            throw Error(destination + ": cannot create a file in " + dir.string() + ": " + reason(errno));
        }
    }
    if (fd < 0)
        throw Error(destination + ": cannot create a file in " + dir.string() + ": no free name");
    const int chmodError = ::fchmod(fd, e->existingMode.value_or(newFileMode())) == 0 ? 0 : errno;
    ::close(fd);
    try {
        if (chmodError != 0)
            throw Error(destination + ": cannot set the file's permissions: " + reason(chmodError));
        writeStaged(e->staged, destination, write);
    } catch (...) {
        // Nothing of a failed stage stays: the object may still be used (and committed) by a caller
        // that handles the error.
        ::unlink(e->staged.c_str());
        throw;
    }
    entries_.push_back(std::move(e));
}

template <typename T>
void StagedOutputs::stageNpy(const std::string& destination, const Tensor<T>& tensor, bool createDirectory)
{
    stage(
        destination, [&](std::ostream& out) { writeNpy(out, tensor); }, createDirectory);
}

template void StagedOutputs::stageNpy<float>(const std::string&, const Tensor<float>&, bool);
template void StagedOutputs::stageNpy<double>(const std::string&, const Tensor<double>&, bool);

void StagedOutputs::stageNpy(const std::string& destination, const AnyTensor& tensor, bool createDirectory)
{
    std::visit([&](const auto& t) { stageNpy(destination, t, createDirectory); }, tensor);
}

void StagedOutputs::stageText(const std::string& destination, const std::string& text, bool createDirectory)
{
    stage(
        destination, [&](std::ostream& out) { out << text; }, createDirectory);
}

void StagedOutputs::commit()
{
    std::vector<fs::path> created;
    auto rollBack = [&] {
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
            Entry& e = **it;
            if (!e.backup.empty()) {
                // Puts the old file back; for a hard link of an untouched destination rename does
                // nothing and the unlink drops the second name.
                ::rename(e.backup.c_str(), e.destination.c_str());
                ::unlink(e.backup.c_str());
            } else if (e.committed) {
                ::unlink(e.destination.c_str());
            }
            if (!e.committed)
                ::unlink(e.staged.c_str());
            e.committed = false;
            e.staged.clear();
            e.stagedCleanup.reset();
            e.commitCleanup.reset();
        }
        for (auto it = created.rbegin(); it != created.rend(); ++it)
            ::rmdir(it->c_str());
    };
    try {
        for (const auto& e : entries_)
            for (const fs::path& d : e->toCreate) {
                if (::mkdir(d.c_str(), 0777) == 0)
                    created.push_back(d);
                else if (errno != EEXIST)
                    throw Error(e->given + ": cannot create directory " + d.string() + ": " + reason(errno));
            }
        for (const auto& ptr : entries_) {
            Entry& e = *ptr;
            // Looked at again: the destination may have changed since it was staged.
            struct stat st {};
            const bool exists = ::stat(e.destination.c_str(), &st) == 0;
            if (exists && !S_ISREG(st.st_mode))
                throw Error(e.given + ": is no longer a regular file; nothing was written");
            if (exists) {
                // Keep the old file under a second name until every output is in place. A hard link
                // leaves the destination present throughout; where links are not supported, move it.
                // Either way a signal from now on puts it back (SignalCleanup's restore).
                for (int attempt = 0; attempt < 100 && e.backup.empty(); ++attempt) {
                    const fs::path name = e.destination.parent_path() / (".normscope-" + randomSuffix() + ".old");
                    auto restore = std::make_unique<SignalCleanup>(name.string(), e.destination.string(), &allRenamed_);
                    if (::link(e.destination.c_str(), name.c_str()) == 0
                        || (errno != EEXIST && ::rename(e.destination.c_str(), name.c_str()) == 0)) {
                        e.backup = name;
                        e.commitCleanup = std::move(restore);
                    } else if (errno != EEXIST) {
                        throw Error(e.given + ": cannot be replaced: " + reason(errno));
                    }
                }
                if (e.backup.empty())
                    throw Error(e.given + ": cannot be replaced: no free name for the old file");
            } else {
                e.commitCleanup = std::make_unique<SignalCleanup>(e.destination.string());
            }
            if (::rename(e.staged.c_str(), e.destination.c_str()) != 0)
                throw Error(e.given + ": cannot be written: " + reason(errno));
            e.committed = true;
            e.stagedCleanup.reset();
        }
    } catch (...) {
        rollBack();
        throw;
    }
    allRenamed_ = true;
    for (const auto& e : entries_) {
        e->commitCleanup.reset();
        if (!e->backup.empty())
            ::unlink(e->backup.c_str());
        e->staged.clear();
    }
    committed_ = true;
}

} // namespace normscope
