// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// libFuzzer harness: any bytes as a lesson file (ui/document/lesson.cpp, Qt Core only; built when Qt
// is found). The parser must return a lesson whose steps each have both languages and a command
// line, or throw Error, never crash; every text it accepts has placeholders that parse again.

#include "engine/core/error.h"
#include "ui/document/lesson.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    try {
        const normscope::ui::Lesson lesson = normscope::ui::parseLesson(json, QStringLiteral("fuzz.json"));
        if (lesson.steps.empty() || lesson.title.en.isEmpty() || lesson.title.zh_CN.isEmpty())
            std::abort();
        for (const normscope::ui::LessonStep& step : lesson.steps) {
            normscope::ui::placeholdersIn(step.text.en);
            normscope::ui::placeholdersIn(step.text.zh_CN);
        }
    } catch (const normscope::Error&) {}
    return 0;
}
