// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// Pictures as the input (ui/document/image_input.h, --image, File > Open image) and the Tensor
// view's pictures: pixel / 255 in CHW order, grayscale as one channel, batches, refusals, the
// scale-down note, the headless export, and the pictures drawn back.

#include "tests/support/window_run.h"
#include "engine/core/error.h"
#include "engine/io/npz_reader.h"
#include "ui/application.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"
#include "ui/document/image_input.h"
#include "ui/document/session_file.h"
#include "ui/document/tensor_picture.h"
#include "ui/panels/tensor_pictures.h"
#include "ui/panels/tensor_view.h"

#include <QCheckBox>
#include <QImage>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

using namespace normscope;
using namespace normscope::ui;

namespace {

/// Pixel (x, y) of the test pictures: each channel a different formula, so a swapped channel,
/// row or column shows.
int red(int x, int y, int k)
{
    return (10 * x + 3 * y + 7 * k) % 256;
}
int green(int x, int y, int k)
{
    return (200 - 20 * y + x + k) % 256;
}
int blue(int x, int y, int k)
{
    return (255 - 30 * x - 40 * y + 11 * k + 512) % 256;
}

QString saveRgb(const QTemporaryDir& dir, const QString& name, int w, int h, int k = 0)
{
    QImage image(w, h, QImage::Format_RGB888);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            image.setPixel(x, y, qRgb(red(x, y, k), green(x, y, k), blue(x, y, k)));
    const QString path = dir.filePath(name);
    if (!image.save(path, "PNG"))
        qFatal("cannot save %s", qPrintable(path));
    return path;
}

const Tensor<float>& floats(const ImageInput& in)
{
    return std::get<Tensor<float>>(*in.tensor);
}

using test::runWindow;

} // namespace

class TestImageInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rgbIsPixelOver255InChwOrder()
    {
        QTemporaryDir dir;
        const int w = 5, h = 3;
        const ImageInput in = readImages({saveRgb(dir, "a.png", w, h)}, 1 << 24);
        QCOMPARE(in.shape, (Shape{1, 3, h, w}));
        QVERIFY(!in.wasScaled());
        QVERIFY(in.note().isEmpty());
        const float* v = floats(in).data();
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                QCOMPARE(v[0 * h * w + y * w + x], float(red(x, y, 0)) / 255.0f);
                QCOMPARE(v[1 * h * w + y * w + x], float(green(x, y, 0)) / 255.0f);
                QCOMPARE(v[2 * h * w + y * w + x], float(blue(x, y, 0)) / 255.0f);
            }
        // Two spot checks written out: pixel (1, 0) is R 10, G 201, B 225; pixel (4, 2) B = 255 - 120 - 80.
        QCOMPARE(v[1], 10.0f / 255.0f);
        QCOMPARE(v[15 + 1], 201.0f / 255.0f);
        QCOMPARE(v[30 + 1], 225.0f / 255.0f);
        QCOMPARE(v[30 + 2 * w + 4], 55.0f / 255.0f);
    }

    void grayscaleIsOneChannel()
    {
        QTemporaryDir dir;
        QImage gray(4, 2, QImage::Format_Grayscale8);
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 4; ++x)
                gray.scanLine(y)[x] = uchar(60 * x + 17 * y);
        const QString path = dir.filePath("g.png");
        QVERIFY(gray.save(path, "PNG"));
        const ImageInput in = readImages({path}, 1 << 24);
        QCOMPARE(in.shape, (Shape{1, 1, 2, 4}));
        const float* v = floats(in).data();
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 4; ++x)
                QCOMPARE(v[y * 4 + x], float(60 * x + 17 * y) / 255.0f);
    }

    void picturesOfOneSizeAreABatch()
    {
        QTemporaryDir dir;
        const ImageInput in = readImages({saveRgb(dir, "a.png", 3, 2, 0), saveRgb(dir, "b.png", 3, 2, 1)}, 1 << 24);
        QCOMPARE(in.shape, (Shape{2, 3, 2, 3}));
        const float* v = floats(in).data();
        for (int k = 0; k < 2; ++k)
            for (int y = 0; y < 2; ++y)
                for (int x = 0; x < 3; ++x) {
                    const int at = k * 18 + y * 3 + x;
                    QCOMPARE(v[at], float(red(x, y, k)) / 255.0f);
                    QCOMPARE(v[at + 6], float(green(x, y, k)) / 255.0f);
                    QCOMPARE(v[at + 12], float(blue(x, y, k)) / 255.0f);
                }
    }

    void differentSizesAreRefusedNamingThem()
    {
        QTemporaryDir dir;
        const QString a = saveRgb(dir, "a.png", 4, 3), b = saveRgb(dir, "b.png", 5, 3);
        try {
            readImages({a, b}, 1 << 24);
            QFAIL("accepted pictures of two sizes");
        } catch (const Error& e) {
            const QString m = QString::fromUtf8(e.what());
            QVERIFY2(m.contains("4x3") && m.contains("5x3") && m.contains("a.png") && m.contains("b.png"), e.what());
        }
        Document document(Experiment::demo());
        QSignalSpy refused(&document, &Document::errorReported);
        QString error;
        QVERIFY(!document.loadImages({a, b}, &error));
        QVERIFY(error.contains("5x3"));
        QCOMPARE(refused.size(), 1);
        QVERIFY(!document.experiment().image);

        const AppOptionsParse parsed = parseAppOptions({"normscope", "--image", a + "," + b});
        QVERIFY(!parsed.options);
        QVERIFY2(parsed.error.startsWith("--image: the images differ in size"), qPrintable(parsed.error));
        QVERIFY(!parseAppOptions({"normscope", "--image", dir.filePath("missing.png")}).options);
        QVERIFY(parseAppOptions({"normscope", "--image", a, "--tensor", "[[1,2],[3,4]]"})
                    .error.contains("both give the input"));
    }

    void largePicturesAreScaledDownWithANote()
    {
        // 100x50 at 3 channels is 15000 elements; a limit of 2400 gives 0.4 of each side: 40x20.
        QTemporaryDir dir;
        const ImageInput in = readImages({saveRgb(dir, "big.png", 100, 50)}, 2400);
        QCOMPARE(in.shape, (Shape{1, 3, 20, 40}));
        QCOMPARE(in.original, QSize(100, 50));
        QVERIFY(in.note().contains("100x50") && in.note().contains("40x20"));

        // The window's own limit (2^24 elements): 2400x2400 RGB is 17,280,000 elements.
        QImage huge(2400, 2400, QImage::Format_RGB888);
        huge.fill(QColor(200, 100, 50));
        const QString path = dir.filePath("huge.png");
        QVERIFY(huge.save(path, "PNG"));
        const AppOptionsParse parsed = parseAppOptions({"normscope", "--image", path});
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        const Shape& s = parsed.options->experiment.shape;
        QCOMPARE(s[0], std::int64_t(1));
        QCOMPARE(s[1], std::int64_t(3));
        QCOMPARE(s[2], s[3]); // the aspect kept
        QVERIFY(3 * s[2] * s[3] <= Document::kMaxElements);
        QVERIFY(3 * (s[2] + 1) * (s[3] + 1) > Document::kMaxElements); // the largest that fits
        QVERIFY2(parsed.options->note.contains("2400x2400"), qPrintable(parsed.options->note));
        QVERIFY(parsed.options->experiment.image);

        Document document(Experiment::demo());
        QSignalSpy note(&document, &Document::noteReported);
        QVERIFY(document.loadImages({path}));
        QCOMPARE(note.size(), 1);
        QVERIFY(note.front().front().toString().contains("2400x2400"));
    }

    void headlessExportHoldsThePixels()
    {
        QTemporaryDir dir;
        const int w = 6, h = 4;
        const QString png = saveRgb(dir, "a.png", w, h);
        const QString npz = dir.filePath("t.npz");
        QCOMPARE(runWindow({"--image", png, "--norm", "instance", "--export-tensors", npz}), 0);
        NpzReader reader(npz.toStdString());
        const AnyTensor x = reader.read("x");
        const auto& t = std::get<Tensor<float>>(x);
        QCOMPARE(t.shape(), (Shape{1, 3, h, w}));
        for (int y = 0; y < h; ++y)
            for (int x0 = 0; x0 < w; ++x0) {
                QCOMPARE(t.data()[y * w + x0], float(red(x0, y, 0)) / 255.0f);
                QCOMPARE(t.data()[h * w + y * w + x0], float(green(x0, y, 0)) / 255.0f);
                QCOMPARE(t.data()[2 * h * w + y * w + x0], float(blue(x0, y, 0)) / 255.0f);
            }
    }

    void sessionKeepsThePictures()
    {
        QTemporaryDir dir;
        Document document(Experiment::demo());
        QVERIFY(document.loadImages({saveRgb(dir, "a.png", 3, 2)}));
        QVERIFY(document.experiment().image);
        Session session;
        session.experiment = document.experiment();
        const Session back = sessionFromJson(sessionToJson(session), "s.normscope");
        QVERIFY(back.experiment.image);
        QVERIFY(sameBits(session.experiment, back.experiment));
        // Going back to the generator is not a picture any more.
        document.useGenerator();
        QVERIFY(!document.experiment().image);
    }

    void picturesMapEachChannelByItsRange()
    {
        // 1x3x1x2: channel 0 from -1 to 3, channel 1 constant, channel 2 with a NaN.
        Tensor<double> values(Shape{1, 3, 1, 2});
        const double numbers[] = {-1, 3, 5, 5, std::nan(""), 0.25};
        std::copy(std::begin(numbers), std::end(numbers), values.data());
        const ResultTensor t(std::move(values));
        const std::vector<ChannelRange> r = channelRanges(t);
        QCOMPARE(r[0].low, -1.0);
        QCOMPARE(r[0].high, 3.0);
        QCOMPARE(r[2].low, 0.25);
        const QImage image = tensorPicture(t, 0, r);
        QCOMPARE(image.pixelColor(0, 0), QColor(0, 128, 0));     // min, constant mid-gray, NaN black
        QCOMPARE(image.pixelColor(1, 0), QColor(255, 128, 128)); // max; 0.25 of [0.25, 0.25] mid-gray
        const QImage unit = tensorPicture(t, 0, std::vector<ChannelRange>(3));
        QCOMPARE(qRed(unit.pixel(1, 0)), 255); // 3 clamped to 1
    }

    void tensorViewShowsInputAndOutputPictures()
    {
        QTemporaryDir dir;
        Document document(Experiment::demo());
        TensorView view;
        view.observe(&document);
        view.resize(900, 700);
        view.show();
        QVERIFY(!view.picturesShown());
        QVERIFY(document.loadImages({saveRgb(dir, "a.png", 4, 4, 0), saveRgb(dir, "b.png", 4, 4, 1)}));
        document.setNormKind(NormKind::Instance);
        document.waitUntilIdle();
        QVERIFY(view.picturesShown());
        QVERIFY(view.pictures()->isVisible());
        // The input picture is the file's pixels; the output's channel minimum is black in that channel.
        const auto* x1 = view.pictures()->findChild<QLabel*>("picture_1_x");
        QVERIFY(x1);
        const QImage shownX = x1->pixmap().toImage();
        const int cell = shownX.width() / 4; // enlarged by whole pixels
        QCOMPARE(shownX.pixelColor(3 * cell, 2 * cell), QColor(red(3, 2, 1), green(3, 2, 1), blue(3, 2, 1)));
        const ResultPtr r = document.result();
        const std::vector<ChannelRange> ranges = channelRanges(r->output);
        const QString caption = view.pictures()->caption();
        QVERIFY2(caption.contains("over the whole batch") && caption.contains("R [") && caption.contains("B ["),
                 qPrintable(caption));
        const auto* y0 = view.pictures()->findChild<QLabel*>("picture_0_y");
        const QImage shownY = y0->pixmap().toImage();
        // Red's value at pixel (0, 0) of sample 0, mapped as the caption says.
        const double v = r->output[0];
        const int expected = int(std::lround((v - ranges[0].low) / (ranges[0].high - ranges[0].low) * 255.0));
        QCOMPARE(qRed(shownY.pixel(0, 0)), expected);
        // One range for all channels: the batch's overall min and max.
        view.pictures()->sharedRangeBox()->setChecked(true);
        double low = ranges[0].low, high = ranges[0].high;
        for (const ChannelRange& range : ranges) {
            low = std::min(low, range.low);
            high = std::max(high, range.high);
        }
        const QImage sharedY = view.pictures()->findChild<QLabel*>("picture_0_y")->pixmap().toImage();
        QCOMPARE(qRed(sharedY.pixel(0, 0)), int(std::lround((v - low) / (high - low) * 255.0)));
        QVERIFY(view.pictures()->caption().contains("one range for all channels"));
        document.useGenerator();
        document.waitUntilIdle();
        QVERIFY(!view.picturesShown());
        QVERIFY(!view.pictures()->isVisible());
    }
};

QTEST_MAIN(TestImageInput)
#include "test_image_input.moc"
