// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/signal_cleanup.h"

#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>

#include <pthread.h>

#include <unistd.h>

namespace normscope {

struct SignalCleanup::Entry {
    std::string path;
    std::string restoreTo;
    const std::atomic<bool>* committed;
};

namespace {

// A fixed table of atomic pointers: the handler may only read memory that is complete when it runs.
constexpr int kSlots = 256;
std::array<std::atomic<SignalCleanup::Entry*>, kSlots> slots{};

constexpr int kCaughtSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// Files are created and registered on the thread that called installSignalCleanup(). A signal that
// lands on another thread (OpenMP's) is passed there, so that the cleanup never runs while that
// thread is between registering a name and creating the file, or creates one after the cleanup.
pthread_t writerThread;

extern "C" void undoAndDie(int signal)
{
    if (!pthread_equal(pthread_self(), writerThread)) {
        pthread_kill(writerThread, signal);
        return;
    }
    for (auto& slot : slots) {
        const SignalCleanup::Entry* e = slot.load();
        if (!e)
            continue;
        // rename() and unlink() are async-signal-safe; c_str() of a finished string allocates nothing.
        if (!e->restoreTo.empty() && !(e->committed && e->committed->load()))
            ::rename(e->path.c_str(), e->restoreTo.c_str());
        ::unlink(e->path.c_str());
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

} // namespace

void installSignalCleanup()
{
    writerThread = pthread_self();
    for (int s : kCaughtSignals) {
        struct sigaction action {};
        action.sa_handler = undoAndDie;
        sigemptyset(&action.sa_mask);
        for (int other : kCaughtSignals)
            sigaddset(&action.sa_mask, other); // one cleanup at a time
        sigaction(s, &action, nullptr);
    }
    std::signal(SIGXFSZ, SIG_IGN);
}

SignalCleanup::SignalCleanup(std::string path, std::string restoreTo, const std::atomic<bool>* committed)
    : entry_(new Entry{std::move(path), std::move(restoreTo), committed})
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
