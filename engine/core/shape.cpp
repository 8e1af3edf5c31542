#include "engine/core/shape.h"

#include "engine/core/error.h"

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace normscope {

std::int64_t numel(const Shape& shape)
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    return n;
}

std::string toString(const Shape& shape)
{
    std::ostringstream out;
    out << '(';
    for (std::size_t i = 0; i < shape.size(); ++i)
        out << (i ? ", " : "") << shape[i];
    if (shape.size() == 1)
        out << ',';
    out << ')';
    return out.str();
}

std::string toListString(const Shape& shape)
{
    std::ostringstream out;
    out << '[';
    for (std::size_t i = 0; i < shape.size(); ++i)
        out << (i ? ", " : "") << shape[i];
    out << ']';
    return out.str();
}

Shape parseShape(const std::string& text, const std::string& what)
{
    Shape shape;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        const std::string trimmed = first == std::string::npos ? "" : item.substr(first, last - first + 1);
        errno = 0;
        char* end = nullptr;
        const long long value = std::strtoll(trimmed.c_str(), &end, 10);
        if (trimmed.empty() || *end != '\0' || errno == ERANGE || value <= 0
            || value > std::numeric_limits<std::int32_t>::max())
            throw Error(what + " must be a comma-separated list of positive integers, got '" + text + "'");
        shape.push_back(value);
    }
    if (shape.empty())
        throw Error(what + " must not be empty");
    return shape;
}

} // namespace normscope
