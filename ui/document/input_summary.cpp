// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/input_summary.h"

#include <deque>
#include <mutex>

namespace normscope::ui {

std::shared_ptr<const void> InputSummary::lookup(const std::shared_ptr<const AnyTensor>& x, const std::string& what,
                                                 const std::function<std::shared_ptr<const void>()>& compute)
{
    struct Entry {
        std::weak_ptr<const AnyTensor> input;
        const AnyTensor* address;
        std::string what;
        std::shared_ptr<const void> value;
    };
    static std::mutex mutex;
    static std::deque<Entry> entries;
    // A few inputs (the input cache keeps three) times what is asked of each: counts, histogram and
    // the rows of the layouts the views and the compare view's five norms use.
    constexpr std::size_t kEntries = 24;

    {
        std::lock_guard<std::mutex> lock(mutex);
        for (const Entry& e : entries)
            if (e.address == x.get() && e.what == what && e.input.lock() == x)
                return e.value;
    }
    std::shared_ptr<const void> value = compute(); // outside the lock: another input's lookup never waits
    std::lock_guard<std::mutex> lock(mutex);
    entries.push_front(Entry{x, x.get(), what, value});
    while (entries.size() > kEntries)
        entries.pop_back();
    return value;
}

} // namespace normscope::ui
