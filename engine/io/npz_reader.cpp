// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/npz_reader.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "engine/io/npy_header.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>

namespace normscope {

namespace {

constexpr char kNpySuffix[] = ".npy";
constexpr std::size_t kNpySuffixSize = 4;
// Deflate's largest expansion is 1032:1 (258-byte matches coded in 2 bits); a member declaring more
// than that of its stored bytes is lying, and its size must not be allocated.
constexpr std::uint64_t kMaxDeflateRatio = 1032;
constexpr std::size_t kMaxListedKeys = 20;

std::string systemReason(int error)
{
    return error != 0 ? std::string(std::strerror(error)) : std::string("unknown error");
}

/// libzip's reason for an error, as one line.
std::string zipReason(zip_error_t* error)
{
    return zip_error_strerror(error);
}

std::string keyOf(const std::string& name)
{
    if (name.size() > kNpySuffixSize && name.compare(name.size() - kNpySuffixSize, kNpySuffixSize, kNpySuffix) == 0)
        return name.substr(0, name.size() - kNpySuffixSize);
    return name;
}

/// One member, read through libzip (which inflates and checks the CRC) as readNpy's input.
class MemberInput : public NpyInput {
public:
    MemberInput(zip_file_t* file, std::int64_t size) : file_(file), size_(size) {}
    ~MemberInput() override { zip_fclose(file_); }
    MemberInput(const MemberInput&) = delete;
    MemberInput& operator=(const MemberInput&) = delete;

    std::int64_t size() const override { return size_; }

    void read(void* into, std::int64_t bytes) override
    {
        auto* out = static_cast<char*>(into);
        while (bytes > 0) {
            const zip_int64_t n = zip_fread(file_, out, static_cast<zip_uint64_t>(bytes));
            if (n < 0)
                throw Error(std::string("read error: ") + zip_file_strerror(file_));
            if (n == 0)
                throw Error("read error: the member ends before the size the archive gives it");
            out += n;
            bytes -= n;
        }
    }

    /// Reads past the last byte: libzip compares the CRC and the length only when it sees the end.
    void checkEnd()
    {
        char extra = 0;
        const zip_int64_t n = zip_fread(file_, &extra, 1);
        if (n < 0)
            throw Error(zip_file_strerror(file_));
        if (n > 0)
            throw Error("the member holds more bytes than the archive says");
    }

private:
    zip_file_t* file_;
    std::int64_t size_;
};

} // namespace

struct NpzReader::Archive {
    zip_t* zip = nullptr;
    std::int64_t fileSize = 0;
    std::vector<std::string> names;
    ~Archive()
    {
        if (zip)
            zip_discard(zip);
    }
};

NpzReader::NpzReader(const std::string& path) : path_(path), archive_(std::make_unique<Archive>())
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found)
        throw Error(path + ": no such file");
    if (status.type() == std::filesystem::file_type::directory)
        throw Error(path + ": is a directory, not an .npz file");
    // A FIFO or device would block or has no size to check the members against.
    if (!ec && status.type() != std::filesystem::file_type::regular)
        throw Error(path + ": not a regular file");

    errno = 0;
    FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        throw Error(path + ": cannot open: " + systemReason(errno));
    if (std::fseek(file, 0, SEEK_END) != 0 || (archive_->fileSize = std::ftell(file)) < 0
        || std::fseek(file, 0, SEEK_SET) != 0) {
        std::fclose(file);
        throw Error(path + ": cannot determine the file size");
    }
    if (archive_->fileSize == 0) {
        std::fclose(file);
        throw Error(path + ": file is empty, not an .npz file");
    }
    // A zip that starts like one but has no directory at its end was cut short.
    char signature[4] = {};
    const bool startsLikeZip = std::fread(signature, 1, 4, file) == 4 && std::memcmp(signature, "PK\x03\x04", 4) == 0;
    std::rewind(file);

    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_filep_create(file, 0, -1, &error);
    if (!source) {
        std::fclose(file);
        const std::string reason = zipReason(&error);
        zip_error_fini(&error);
        throw Error(path + ": cannot open: " + reason);
    }
    // Stricter checks: each local header must agree with the central directory.
    archive_->zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive_->zip) {
        zip_source_free(source);
        const int code = zip_error_code_zip(&error);
        const std::string reason = zipReason(&error);
        zip_error_fini(&error);
        if (code == ZIP_ER_NOZIP && startsLikeZip)
            throw Error(path + ": damaged .npz file: no zip directory at its end (is it truncated?)");
        if (code == ZIP_ER_NOZIP)
            throw Error(path + ": not an .npz file (not a zip archive)");
        throw Error(path + ": damaged .npz file: " + reason);
    }
    zip_error_fini(&error);

    const zip_int64_t count = zip_get_num_entries(archive_->zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* name = zip_get_name(archive_->zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (!name)
            throw Error(path + ": damaged .npz file: " + zip_strerror(archive_->zip));
        archive_->names.emplace_back(name);
        keys_.push_back(keyOf(name));
    }
}

NpzReader::~NpzReader() = default;

std::string NpzReader::listedKeys() const
{
    std::string list;
    for (std::size_t i = 0; i < keys_.size() && i < kMaxListedKeys; ++i)
        list += (i ? ", " : "") + printableNpyText(keys_[i]);
    if (keys_.size() > kMaxListedKeys)
        list += ", ... (" + std::to_string(keys_.size()) + " in all)";
    return list;
}

std::size_t NpzReader::indexOf(const std::string& key) const
{
    const auto& names = archive_->names;
    auto found = std::find(names.begin(), names.end(), key + kNpySuffix);
    if (found == names.end())
        found = std::find(names.begin(), names.end(), key);
    if (found != names.end())
        return static_cast<std::size_t>(found - names.begin());
    if (keys_.empty())
        throw Error(path_ + ": no array '" + printableNpyText(key) + "': the archive holds no arrays");
    throw Error(path_ + ": no array '" + printableNpyText(key) + "' (keys: " + listedKeys() + ")");
}

AnyTensor NpzReader::read(const std::string& key)
{
    const std::size_t position = indexOf(key);
    const auto index = static_cast<zip_uint64_t>(position);
    const std::string name = archive_->names[position];
    const std::string member = path_ + ": member '" + printableNpyText(name) + "'";

    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_->zip, index, 0, &st) != 0)
        throw Error(member + ": " + zip_strerror(archive_->zip));
    const zip_uint64_t needed = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    if ((st.valid & needed) != needed)
        throw Error(member + ": the archive does not give its sizes and compression");
    if (st.encryption_method != ZIP_EM_NONE)
        throw Error(member + ": is encrypted; .npz members are not");
    if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
        throw Error(member + ": compression method " + std::to_string(st.comp_method)
                    + " is not supported (np.savez stores members, np.savez_compressed deflates them)");
    const auto archiveSize = static_cast<zip_uint64_t>(archive_->fileSize);
    if (st.comp_size > archiveSize)
        throw Error(member + ": damaged: it claims " + std::to_string(st.comp_size)
                    + " stored bytes, the whole file has " + std::to_string(archiveSize));
    if (st.comp_method == ZIP_CM_STORE && st.size != st.comp_size)
        throw Error(member + ": damaged: stored without compression, yet its size " + std::to_string(st.size)
                    + " differs from its stored size " + std::to_string(st.comp_size));
    if (st.comp_method == ZIP_CM_DEFLATE && st.size / kMaxDeflateRatio > st.comp_size + 1)
        throw Error(member + ": damaged: " + std::to_string(st.size) + " bytes cannot inflate from "
                    + std::to_string(st.comp_size) + " deflated bytes");
    if (st.size > static_cast<zip_uint64_t>(std::numeric_limits<std::int64_t>::max()))
        throw Error(member + ": damaged: its size does not fit in int64");

    zip_file_t* file = zip_fopen_index(archive_->zip, index, 0);
    if (!file)
        throw Error(member + ": cannot be read: " + zip_strerror(archive_->zip));
    MemberInput input(file, static_cast<std::int64_t>(st.size));
    AnyTensor tensor = readNpy(input, member);
    try {
        input.checkEnd();
    } catch (const Error& e) {
        throw Error(member + ": damaged: " + e.what());
    }
    return tensor;
}

std::string NpzReader::pick(const std::optional<std::string>& key) const
{
    if (key) {
        indexOf(*key);
        return *key;
    }
    if (keys_.size() == 1)
        return keys_.front();
    if (std::find(keys_.begin(), keys_.end(), "x") != keys_.end())
        return "x";
    if (keys_.empty())
        throw Error(path_ + ": the archive holds no arrays");
    throw Error(path_ + ": holds " + std::to_string(keys_.size())
                + " arrays and none is named 'x' (keys: " + listedKeys() + "); name one with --input-key");
}

bool isNpzPath(const std::string& path)
{
    if (path.size() < 4)
        return false;
    std::string extension = path.substr(path.size() - 4);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".npz";
}

AnyTensor readArrayFile(const std::string& path, const std::optional<std::string>& key)
{
    if (!isNpzPath(path)) {
        if (key)
            throw Error("--input-key '" + printableNpyText(*key) + "' needs an .npz input, got " + path);
        return readNpy(path);
    }
    NpzReader archive(path);
    return archive.read(archive.pick(key));
}

} // namespace normscope
