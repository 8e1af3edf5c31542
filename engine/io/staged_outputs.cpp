#include "engine/io/staged_outputs.h"

#include "engine/io/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace normscope {

StagedOutputs::~StagedOutputs()
{
    if (committed_)
        return;
    for (const Entry& e : entries_) {
        std::error_code ignored;
        fs::remove(e.staged, ignored);
    }
}

std::string StagedOutputs::stagingPathFor(const std::string& destination, bool createDirectory)
{
    const fs::path dest = fs::absolute(destination).lexically_normal();
    for (const Entry& e : entries_)
        if (fs::path(e.destination) == dest)
            throw Error("the same file is given for two outputs: " + destination);
    // Stage in the nearest directory that exists, so the final rename stays on one file system.
    fs::path dir = dest.parent_path();
    std::error_code ec;
    if (!createDirectory && !fs::is_directory(dir, ec))
        throw Error(destination + ": cannot be written: directory " + dir.string() + " does not exist");
    while (!dir.empty() && !fs::is_directory(dir, ec) && dir != dir.parent_path())
        dir = dir.parent_path();
    if (fs::exists(dest, ec) && fs::is_directory(dest, ec))
        throw Error(destination + ": is a directory");
    const std::string name = "." + dest.filename().string() + ".staged-" + std::to_string(::getpid()) + "-"
                             + std::to_string(entries_.size());
    return (dir / name).string();
}

void StagedOutputs::stage(const std::string& destination, bool createDirectory,
                          const std::function<void(const std::string&)>& write)
{
    const std::string staged = stagingPathFor(destination, createDirectory);
    try {
        write(staged);
    } catch (const Error&) {
        throw Error(destination + ": cannot be written (is its directory read-only or the disk full?)");
    }
    entries_.push_back({staged, fs::absolute(destination).lexically_normal().string()});
}

void StagedOutputs::stageNpy(const std::string& destination, const AnyTensor& tensor, bool createDirectory)
{
    stage(destination, createDirectory, [&](const std::string& staged) { writeNpy(staged, tensor); });
}

void StagedOutputs::stageText(const std::string& destination, const std::string& text, bool createDirectory)
{
    stage(destination, createDirectory, [&](const std::string& staged) {
        writeFileAtomically(staged, [&](std::ostream& out) { out << text; });
    });
}

void StagedOutputs::commit()
{
    for (const Entry& e : entries_) {
        std::error_code ec;
        fs::create_directories(fs::path(e.destination).parent_path(), ec);
        if (ec)
            throw Error(fs::path(e.destination).parent_path().string() + ": cannot create directory: " + ec.message());
    }
    for (const Entry& e : entries_) {
        std::error_code ec;
        fs::rename(e.staged, e.destination, ec);
        if (ec)
            throw Error(e.destination + ": cannot be written: " + ec.message());
    }
    committed_ = true;
}

} // namespace normscope
