#pragma once

#include "engine/core/tensor.h"

#include <functional>
#include <string>
#include <vector>

namespace normscope {

/**
 * Writes a command's output files all or nothing: every file is first written completely to a
 * hidden staging file next to its destination; only when all are written are they renamed into
 * place. A failure before commit() removes the staging files and leaves every destination as it was.
 */
class StagedOutputs {
public:
    StagedOutputs() = default;
    StagedOutputs(const StagedOutputs&) = delete;
    StagedOutputs& operator=(const StagedOutputs&) = delete;
    ~StagedOutputs();

    /// Throws Error if the same destination is staged twice or a file cannot be written. Unless
    /// createDirectory is set, the destination's directory must already exist.
    void stageNpy(const std::string& destination, const AnyTensor& tensor, bool createDirectory = false);
    void stageText(const std::string& destination, const std::string& text, bool createDirectory = false);

    /// Creates missing destination directories and renames every staged file into place.
    void commit();

private:
    struct Entry {
        std::string staged;
        std::string destination;
    };
    void stage(const std::string& destination, bool createDirectory,
               const std::function<void(const std::string&)>& write);
    std::string stagingPathFor(const std::string& destination, bool createDirectory);
    std::vector<Entry> entries_;
    bool committed_ = false;
};

} // namespace normscope
