// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/npz_writer.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <set>
#include <stdexcept>

namespace normscope {

namespace {

/**
 * A libzip source that writes the archive to a std::ostream (the staging file StagedOutputs gives a
 * writer), so that a large .npz is never held in memory. libzip writes each member's local header,
 * its data, then seeks back to complete the header, and ends with the central directory; there is
 * no old archive to read (the source is empty).
 */
class StreamSink {
public:
    explicit StreamSink(std::ostream& out) : out_(out) { zip_error_init(&error_); }
    ~StreamSink() { zip_error_fini(&error_); }
    StreamSink(const StreamSink&) = delete;
    StreamSink& operator=(const StreamSink&) = delete;

    static zip_int64_t callback(void* self, void* data, zip_uint64_t length, zip_source_cmd_t command)
    {
        return static_cast<StreamSink*>(self)->handle(data, length, command);
    }

    /// The stream's failure, for the message (errno right after the failed write).
    int systemError() const { return zip_error_code_system(&error_); }

private:
    zip_int64_t fail(int zipError, int systemError)
    {
        zip_error_set(&error_, zipError, systemError);
        return -1;
    }

    zip_int64_t handle(void* data, zip_uint64_t length, zip_source_cmd_t command)
    {
        switch (command) {
        case ZIP_SOURCE_SUPPORTS: return ZIP_SOURCE_SUPPORTS_WRITABLE;
        case ZIP_SOURCE_STAT: {
            // An empty source: libzip starts a new archive instead of reading an old one.
            auto* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &error_);
            if (!st)
                return -1;
            zip_stat_init(st);
            st->valid = ZIP_STAT_SIZE;
            st->size = 0;
            return sizeof(zip_stat_t);
        }
        case ZIP_SOURCE_ERROR: return zip_error_to_data(&error_, data, length);
        case ZIP_SOURCE_OPEN:
        case ZIP_SOURCE_CLOSE:
        case ZIP_SOURCE_FREE:
        case ZIP_SOURCE_REMOVE:
        case ZIP_SOURCE_ROLLBACK_WRITE: // StagedOutputs discards the staging file
        case ZIP_SOURCE_READ:
        case ZIP_SOURCE_TELL: return 0;
        case ZIP_SOURCE_SEEK: return 0;
        case ZIP_SOURCE_BEGIN_WRITE:
            start_ = out_.tellp();
            end_ = 0;
            return out_ ? 0 : fail(ZIP_ER_WRITE, errno);
        case ZIP_SOURCE_WRITE:
            errno = 0;
            out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(length));
            if (!out_)
                return fail(ZIP_ER_WRITE, errno);
            end_ = std::max(end_, position());
            return static_cast<zip_int64_t>(length);
        case ZIP_SOURCE_SEEK_WRITE: {
            auto* args = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, length, &error_);
            if (!args)
                return -1;
            const zip_int64_t base = args->whence == SEEK_CUR ? position() : args->whence == SEEK_END ? end_ : 0;
            const zip_int64_t target = base + args->offset;
            if (target < 0 || target > end_)
                return fail(ZIP_ER_SEEK, EINVAL);
            out_.seekp(start_ + static_cast<std::streamoff>(target));
            return out_ ? 0 : fail(ZIP_ER_SEEK, errno);
        }
        case ZIP_SOURCE_TELL_WRITE: return position();
        case ZIP_SOURCE_COMMIT_WRITE:
            errno = 0;
            out_.seekp(start_ + static_cast<std::streamoff>(end_));
            out_.flush();
            return out_ ? 0 : fail(ZIP_ER_WRITE, errno);
        default: return fail(ZIP_ER_OPNOTSUPP, 0);
        }
    }

    zip_int64_t position() { return static_cast<zip_int64_t>(out_.tellp() - start_); }

    std::ostream& out_;
    std::streampos start_ = 0;
    zip_int64_t end_ = 0;
    zip_error_t error_;
};

/// An empty zip: only the end of central directory record (what np.savez writes for no arrays;
/// libzip writes nothing for an archive without entries).
void writeEmptyZip(std::ostream& out)
{
    static const char eocd[22] = {'P', 'K', 5, 6};
    out.write(eocd, sizeof eocd);
}

void checkKeys(const std::vector<NpzArray>& arrays)
{
    std::set<std::string> seen;
    for (const NpzArray& a : arrays) {
        if (a.key.empty())
            throw std::invalid_argument("writeNpz: an empty key");
        if (!seen.insert(a.key).second)
            throw std::invalid_argument("writeNpz: key '" + a.key + "' given twice");
        if (a.bytes < 0 || (a.bytes > 0 && !a.data))
            throw std::invalid_argument("writeNpz: no data for key '" + a.key + "'");
    }
}

} // namespace

template <typename T>
NpzArray npzArray(const std::string& key, const Tensor<T>& tensor)
{
    if (numel(tensor.shape()) != tensor.numel())
        throw std::invalid_argument("npzArray: shape " + toString(tensor.shape()) + " does not match "
                                    + std::to_string(tensor.numel()) + " stored values");
    return {key, dtypeOf<T>() == DType::Float32 ? "<f4" : "<f8", tensor.shape(), tensor.data(),
            static_cast<std::int64_t>(tensor.numel() * sizeof(T))};
}

template NpzArray npzArray<float>(const std::string&, const Tensor<float>&);
template NpzArray npzArray<double>(const std::string&, const Tensor<double>&);

NpzArray npzArray(const std::string& key, const AnyTensor& tensor)
{
    return std::visit([&key](const auto& t) { return npzArray(key, t); }, tensor);
}

NpzArray npzScalar(const std::string& key, const std::int64_t& value)
{
    return {key, "<i8", Shape{}, &value, sizeof value};
}

void writeNpz(std::ostream& out, const std::vector<NpzArray>& arrays)
{
    checkKeys(arrays);
    if (arrays.empty()) {
        writeEmptyZip(out);
        return;
    }
    StreamSink sink(out);
    // The archive owns the sink's source once opened; zip_discard frees both on every failure.
    std::unique_ptr<zip_t, void (*)(zip_t*)> zip(nullptr, zip_discard);
    const auto failure = [&](const std::string& what, zip_error_t* reason) {
        const std::string message = "cannot write the .npz archive: " + what + ": " + zip_error_strerror(reason);
        zip_error_fini(reason);
        return Error(message);
    };
    {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* target = zip_source_function_create(&StreamSink::callback, &sink, &error);
        if (!target)
            throw failure("libzip", &error);
        zip.reset(zip_open_from_source(target, ZIP_TRUNCATE, &error));
        if (!zip) {
            zip_source_free(target);
            throw failure("libzip", &error);
        }
        zip_error_fini(&error);
    }
    const auto archiveFailure = [&](const std::string& what) {
        return Error("cannot write the .npz archive: " + what + ": " + zip_strerror(zip.get()));
    };

    std::vector<std::string> preambles;
    preambles.reserve(arrays.size());
    for (const NpzArray& a : arrays) {
        preambles.push_back(npyPreamble(a.descr, a.shape));
        // The member is the preamble followed by the array's own bytes: nothing is copied.
        const zip_buffer_fragment_t fragments[2] = {
            {reinterpret_cast<zip_uint8_t*>(preambles.back().data()), preambles.back().size()},
            {static_cast<zip_uint8_t*>(const_cast<void*>(a.data)), static_cast<zip_uint64_t>(a.bytes)},
        };
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* member = zip_source_buffer_fragment_create(fragments, a.bytes > 0 ? 2 : 1, 0, &error);
        if (!member)
            throw failure(a.key, &error);
        zip_error_fini(&error);
        const zip_int64_t index = zip_file_add(zip.get(), (a.key + ".npy").c_str(), member, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(member);
            throw archiveFailure(a.key);
        }
        // np.savez stores its members; reading them back needs no inflating.
        if (zip_set_file_compression(zip.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) != 0)
            throw archiveFailure(a.key);
    }
    errno = 0;
    if (zip_close(zip.get()) != 0) {
        // A failed write to the stream: StagedOutputs reports it with the system's reason.
        if (sink.systemError() != 0) {
            errno = sink.systemError();
            out.setstate(std::ios::badbit);
            return;
        }
        throw archiveFailure("libzip");
    }
    zip.release(); // zip_close freed it
}

} // namespace normscope
