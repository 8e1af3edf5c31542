#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace normscope {

/// Writes a file so that a failure leaves any old file untouched and no half-written file behind:
/// writes "path.tmpXXXXXX" in the same directory (so the final rename() cannot cross file systems),
/// flushes and syncs it, checks the stream, then rename()s it over path. An existing file's
/// permissions are kept; a new file gets the usual 0666 & ~umask.
///
/// Throws normscope::Error naming the path on any failure (directory missing, no permission,
/// disk full). If `write` throws, the temporary file is removed and the exception propagates
/// unchanged. `write` may also signal failure by setting the stream's failbit or badbit.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

} // namespace normscope
