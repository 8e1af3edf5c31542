#include "engine/io/signal_cleanup.h"

#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>

#include <unistd.h>

namespace normscope {

struct SignalCleanup::Entry {
    std::string path;
    std::string restoreTo;
};

namespace {

// A fixed table of atomic pointers: the handler may only read memory that is complete when it runs.
constexpr int kSlots = 256;
std::array<std::atomic<SignalCleanup::Entry*>, kSlots> slots{};

constexpr int kCaughtSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

extern "C" void undoAndDie(int signal)
{
    for (auto& slot : slots) {
        const SignalCleanup::Entry* e = slot.load();
        if (!e)
            continue;
        // rename() and unlink() are async-signal-safe; c_str() of a finished string allocates nothing.
        if (e->restoreTo.empty())
            ::unlink(e->path.c_str());
        else
            ::rename(e->path.c_str(), e->restoreTo.c_str());
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

} // namespace

void installSignalCleanup()
{
    for (int s : kCaughtSignals) {
        struct sigaction action {};
        action.sa_handler = undoAndDie;
        sigemptyset(&action.sa_mask);
        for (int other : kCaughtSignals)
            sigaddset(&action.sa_mask, other);   // one cleanup at a time
        sigaction(s, &action, nullptr);
    }
    std::signal(SIGXFSZ, SIG_IGN);
}

SignalCleanup::SignalCleanup(std::string path, std::string restoreTo)
    : entry_(new Entry{std::move(path), std::move(restoreTo)})
{
    for (int i = 0; i < kSlots; ++i) {
        Entry* expected = nullptr;
        if (slots[static_cast<std::size_t>(i)].compare_exchange_strong(expected, entry_)) {
            slot_ = i;
            return;
        }
    }
    // More pending files than slots: the write still works; only a signal would leave this one behind.
}

SignalCleanup::~SignalCleanup()
{
    if (slot_ >= 0)
        slots[static_cast<std::size_t>(slot_)].store(nullptr);
    delete entry_;
}

} // namespace normscope
