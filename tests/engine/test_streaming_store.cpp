// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// writeLines, under every kernel that writes a large output: whatever the output's length and its
// offset from a cache line, streamed or not, fetching ahead or not, each element is written once with
// its own value, nothing outside the output is touched, and the body is asked for the elements in
// order, in pieces of at most one line when something is fetched per line (and then the fetch comes
// once before each whole line) or kLinesPerPiece lines when nothing is.

#include "engine/core/aligned_allocator.h"
#include "engine/kernels/streaming_store.h"

#include <QTest>

#include <cstdint>
#include <vector>

using namespace normscope;
using namespace normscope::detail;

namespace {

struct Call {
    std::int64_t first;
    std::int64_t count;
};

// The value element i is written with; distinct from the guard value and exact in float.
template <typename T>
T valueOf(std::int64_t i)
{
    return static_cast<T>(1000 + i);
}

template <typename T>
void checkEveryLayout()
{
    constexpr auto line = kLineBytes / static_cast<std::int64_t>(sizeof(T));
    constexpr T guard = T(-7);
    const std::int64_t lengths[] = {0,
                                    1,
                                    line - 1,
                                    line,
                                    line + 1,
                                    3 * line + 5,
                                    kLinesPerPiece * line,
                                    kLinesPerPiece * line + 1,
                                    37 * line + 3,
                                    100 * line};
    for (const bool stream : {false, true}) {
        for (const bool fetching : {false, true}) {
            for (std::int64_t offset = 0; offset < line; ++offset) {
                for (const std::int64_t n : lengths) {
                    const QString where = QStringLiteral("%1 elements at offset %2, %3, %4")
                                              .arg(n)
                                              .arg(offset)
                                              .arg(stream ? "streamed" : "stored")
                                              .arg(fetching ? "fetching" : "not fetching");
                    std::vector<T, AlignedAllocator<T>> memory(static_cast<std::size_t>(n + 2 * line), guard);
                    T* out = memory.data() + line + offset;
                    std::vector<Call> calls;
                    std::vector<std::int64_t> fetched;
                    auto body = [&](std::int64_t first, std::int64_t count, T* dst) {
                        calls.push_back({first, count});
                        for (std::int64_t i = 0; i < count; ++i)
                            dst[i] = valueOf<T>(first + i);
                    };
                    if (fetching)
                        writeLines(out, n, stream, body, [&](std::int64_t first) { fetched.push_back(first); });
                    else
                        writeLines(out, n, stream, body, nullptr);
                    streamFence();

                    for (std::int64_t i = -line - offset; i < 0; ++i)
                        QVERIFY2(out[i] == guard, qPrintable("written before the output: " + where));
                    for (std::int64_t i = 0; i < n; ++i)
                        QVERIFY2(out[i] == valueOf<T>(i), qPrintable(QStringLiteral("element %1 of ").arg(i) + where));
                    for (std::int64_t i = n; i < n + line - offset; ++i)
                        QVERIFY2(out[i] == guard, qPrintable("written after the output: " + where));

                    // In order, without gaps or overlaps; whole lines in pieces of at most the limit.
                    const std::int64_t limit = (fetching ? 1 : kLinesPerPiece) * line;
                    const std::int64_t head = (line - offset) % line;
                    std::int64_t next = 0;
                    std::vector<std::int64_t> wholeLines;
                    for (const Call& c : calls) {
                        QVERIFY2(c.first == next, qPrintable("pieces out of order: " + where));
                        QVERIFY2(c.count <= limit, qPrintable("a piece too long: " + where));
                        const bool whole = c.first >= head && c.count > 0 && c.count % line == 0
                            && (reinterpret_cast<std::uintptr_t>(out + c.first) % kLineBytes) == 0;
                        if (whole)
                            for (std::int64_t k = 0; k < c.count; k += line)
                                wholeLines.push_back(c.first + k);
                        next += c.count;
                    }
                    QVERIFY2(next == n, qPrintable("pieces do not cover the output: " + where));
                    if (fetching)
                        QVERIFY2(fetched == wholeLines, qPrintable("not one fetch per whole line: " + where));
                    else
                        QVERIFY2(fetched.empty(), qPrintable(where));
                }
            }
        }
    }
}

} // namespace

class TestStreamingStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyElementWrittenOnceInOrder_float() { checkEveryLayout<float>(); }
    void everyElementWrittenOnceInOrder_double() { checkEveryLayout<double>(); }
};

QTEST_APPLESS_MAIN(TestStreamingStore)
#include "test_streaming_store.moc"
