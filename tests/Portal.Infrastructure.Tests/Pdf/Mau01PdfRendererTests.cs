using System.Globalization;
using System.Text;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Tests.Photos;

namespace Portal.Infrastructure.Tests.Pdf;

public sealed class Mau01PdfRendererTests
{
    private static readonly Mau01PdfRenderer Renderer = new();

    [Fact]
    public void Individual_form_prints_every_value_and_the_fixed_wording_with_exact_diacritics()
    {
        var document = Mau01Samples.Individual();
        using var pdf = new Poppler(Renderer.Render(document));

        var text = pdf.Text();

        AssertContains(text,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Mẫu số 01",
            "Số hồ sơ: GD/2026/00042",
            "Hà Nội, ngày 05 tháng 03 năm 2026",
            "TỜ KHAI",
            "Đăng ký sử dụng, điều chỉnh thông tin và ngừng sử dụng phương thức giao dịch điện tử trong lĩnh vực bảo hiểm xã hội",
            "Kính gửi: Bảo hiểm xã hội Việt Nam.",
            "Tên cơ quan/tổ chức/cá nhân: Nguyễn Thị Hồng Nhung",
            "Mã số bảo hiểm xã hội: 0113098765",
            "Số CMND/HC/CC: 001190012345",
            "Địa chỉ liên hệ: Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội",
            "Số chứng thư số của cơ quan, tổ chức, cá nhân: ....",
            "Tên tổ chức chứng thực chữ ký số: ....",
            "Thời hạn sử dụng chứng thư số: Từ ngày ..... tháng ..... năm ........ đến ngày",
            "Người liên hệ: Trần Văn Đức",
            "Địa chỉ thư điện tử: nhung.nth@example.vn",
            "Điện thoại di động: 0983847986",
            "1. Đăng ký sử dụng:",
            "trong lĩnh vực Bảo hiểm xã hội từ ngày 10/03/2026",
            "Đăng ký giao dịch tại: Tổ chức I-VAN",
            "Tên Tổ chức I-VAN: Công ty Cổ phần Giải pháp Thuế điện tử Việt Nam",
            "Cơ quan BHXH tiếp nhận: BHXH Quận Đống Đa (Phố Trần Hữu Tước, phường Nam Đồng, ĐT 024 3851 2345)",
            "Hình thức nộp hồ sơ: Tại nhà thông qua dịch vụ bưu chính công ích",
            "2. Điều chỉnh thông tin:",
            "3. Ngừng sử dụng phương thức giao dịch:",
            "Lý do ngừng: ....",
            Labels.Commitment,
            "CHỮ KÝ SỐ CỦA CƠ QUAN, TỔ CHỨC, CÁ NHÂN",
            "CƠ QUAN, TỔ CHỨC, CÁ NHÂN",
            "(Ký, ghi rõ họ tên)");
        Assert.DoesNotContain("người giám hộ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Họ và tên:", text, StringComparison.Ordinal);
        Assert.Contains("Pages: 1", Poppler.Collapse(pdf.Info()), StringComparison.Ordinal);
        Assert.DoesNotContain("Trang 1/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Child_form_prints_the_child_and_guardian_fields_instead_of_the_individual_ones()
    {
        var document = Mau01Samples.Child();
        using var pdf = new Poppler(Renderer.Render(document));

        var text = pdf.Text();

        AssertContains(text,
            "Số hồ sơ: GD/2026/00043",
            "Họ và tên: Lê Hoàng Bảo Ngọc",
            "Mã số bảo hiểm xã hội: 0124567890",
            "Mã số BHXH người giám hộ: 0113098765",
            "Số CMND/HC/CC của người giám hộ: 001190012345",
            "Địa chỉ liên hệ: Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội",
            "Người liên hệ: Nguyễn Thị Hồng Nhung",
            "trong lĩnh vực Bảo hiểm xã hội từ ngày 05/03/2026",
            "Đăng ký giao dịch tại: Cổng thông tin điện tử của BHXH Việt Nam",
            "Tên Tổ chức I-VAN: ....",
            "Cơ quan BHXH tiếp nhận: BHXH Quận Đống Đa",
            "Hình thức nộp hồ sơ: Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam",
            Labels.Commitment);
        Assert.DoesNotContain("Số CMND/HC/CC:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tên cơ quan/tổ chức/cá nhân:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_portrait_is_embedded_byte_for_byte()
    {
        var document = Mau01Samples.Individual();
        using var pdf = new Poppler(Renderer.Render(document));

        var images = ImageRows(pdf.ImageList());
        var portrait = Assert.Single(images);
        Assert.Equal(("jpeg", Mau01Samples.PortraitWidth, Mau01Samples.PortraitHeight), (portrait.Encoding, portrait.Width, portrait.Height));

        pdf.Run("pdfimages", "-j", pdf.PdfPath, Path.Combine(pdf.Directory, "img"));
        Assert.Equal(document.Portrait!.Bytes, File.ReadAllBytes(Path.Combine(pdf.Directory, "img-000.jpg")));
    }

    [Fact]
    public void A_5_MB_portrait_is_embedded_scaled_to_its_box_and_the_PDF_stays_under_300_KB()
    {
        var photo = TestImages.Jpeg(3000, 4000, quality: 92, grain: 36);
        Assert.InRange(photo.Length, 4_000_000, DeclarationPhoto.MaxBytes);
        var document = Mau01Samples.Individual() with { Portrait = new Mau01Photo(photo, PhotoFormat.Jpeg) };

        var bytes = Renderer.Render(document);
        using var pdf = new Poppler(bytes);

        Assert.InRange(bytes.Length, 1, 300 * 1024);
        var portrait = Assert.Single(ImageRows(pdf.ImageList()));
        Assert.Equal(("jpeg", 300, 400), (portrait.Encoding, portrait.Width, portrait.Height));
    }

    [Fact]
    public void A_sideways_portrait_is_embedded_upright()
    {
        var sideways = TestImages.WithExifOrientation(TestImages.Jpeg(400, 300), 6);
        var document = Mau01Samples.Individual() with { Portrait = new Mau01Photo(sideways, PhotoFormat.Jpeg) };

        using var pdf = new Poppler(Renderer.Render(document));

        var portrait = Assert.Single(ImageRows(pdf.ImageList()));
        Assert.Equal(("jpeg", 300, 400), (portrait.Encoding, portrait.Width, portrait.Height));
    }

    [Fact]
    public void Png_portrait_is_embedded_with_its_dimensions()
    {
        var document = Mau01Samples.Individual() with { Portrait = new Mau01Photo(Mau01Samples.PortraitPng, PhotoFormat.Png) };
        using var pdf = new Poppler(Renderer.Render(document));

        var portrait = Assert.Single(ImageRows(pdf.ImageList()));
        Assert.Equal((120, 160), (portrait.Width, portrait.Height));
    }

    [Fact]
    public void Every_font_is_embedded_as_a_subset()
    {
        using var pdf = new Poppler(Renderer.Render(Mau01Samples.Individual()));

        var rows = pdf.Fonts().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Matches(@"^[A-Z]{6}\+", row);
            Assert.Matches(@"\syes\s+yes\s+yes\s", row);
        });
    }

    [Fact]
    public void Page_is_A4_and_the_metadata_names_the_record_but_no_person()
    {
        var document = Mau01Samples.Individual();
        using var pdf = new Poppler(Renderer.Render(document));

        var info = pdf.Info();
        var metadata = pdf.Run("pdfinfo", "-meta", pdf.PdfPath);

        var size = System.Text.RegularExpressions.Regex.Match(info, @"Page size:\s+([0-9.]+) x ([0-9.]+) pts");
        Assert.True(size.Success, info);
        Assert.Equal(595.28, double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), 0.5);
        Assert.Equal(841.89, double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture), 0.5);
        Assert.Contains("Title:           Tờ khai Mẫu 01 GD/2026/00042", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Subject:", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Keywords:", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Author:", info, StringComparison.Ordinal);
        foreach (var personal in new[] { document.FullName, document.MaSoBhxh, document.IdentityNumber!, document.MobilePhone })
        {
            Assert.DoesNotContain(personal, info + metadata, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Qr_code_on_the_page_has_the_modules_of_the_payload()
    {
        const int dpi = 288;
        var document = Mau01Samples.Individual();
        using var pdf = new Poppler(Renderer.Render(document));

        var (width, _, pixels) = pdf.GreyPage(dpi);
        var expected = QrCodeDrawing.Modules(document.QrPayload);
        var box = Mau01Layout.QrBox;
        var module = box.Width / expected.Length;
        var scale = dpi / 72.0;
        var mismatches = new List<string>();
        for (var row = 0; row < expected.Length; row++)
        {
            for (var column = 0; column < expected.Length; column++)
            {
                var x = (int)((box.X + ((column + 0.5) * module)) * scale);
                var y = (int)((box.Y + ((row + 0.5) * module)) * scale);
                var dark = pixels[(y * width) + x] < 128;
                if (dark != expected[row][column])
                {
                    mismatches.Add($"({row},{column})");
                }
            }
        }

        Assert.True(expected.Length >= 21 + 8, "a QR code has at least 21 modules a side plus the quiet zone");
        Assert.Empty(mismatches);
        Assert.NotEqual(Flatten(expected), Flatten(QrCodeDrawing.Modules("https://portal.example.vn/can-bo/ho-so/GD_2026_00044")));
    }

    [Fact]
    public void Long_values_wrap_inside_the_margins_and_continue_on_a_second_page()
    {
        var longAddress = string.Join(", ", Enumerable.Repeat("Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội", 5));
        var longEmail = new string('a', 90) + "@ten-mien-rat-dai-cua-co-quan.example.vn";
        var document = Mau01Samples.Individual() with
        {
            FullName = "Công ty Trách nhiệm hữu hạn Một thành viên Dịch vụ Tư vấn Bảo hiểm xã hội và Bảo hiểm y tế Thành phố Hà Nội",
            Address = longAddress,
            Email = longEmail,
            IvanName = string.Join(" ", Enumerable.Repeat("Tổ chức cung cấp dịch vụ giá trị gia tăng về giao dịch điện tử", 4)),
            OfficeAddress = string.Join(", ", Enumerable.Repeat("Phố Trần Hữu Tước, phường Nam Đồng", 6)),
        };
        using var pdf = new Poppler(Renderer.Render(document));

        var text = pdf.Text();
        var words = pdf.WordBoxes();

        Assert.Contains("Pages: 2", Poppler.Collapse(pdf.Info()), StringComparison.Ordinal);
        AssertContains(text, document.FullName, longAddress, document.IvanName!, document.OfficeAddress!, Labels.Commitment, "CƠ QUAN, TỔ CHỨC, CÁ NHÂN",
            "Số hồ sơ GD/2026/00042 - Trang 1/2", "Số hồ sơ GD/2026/00042 - Trang 2/2");
        Assert.Contains(longEmail, string.Concat(text.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        var frame = Mau01Layout.Frame;
        Assert.All(words, word =>
        {
            Assert.InRange(word.XMin, frame.Left - 1, frame.Right + 1);
            Assert.InRange(word.XMax, frame.Left - 1, frame.Right + 1);
            Assert.InRange(word.YMin, frame.Top - 1, Mau01Layout.Page.Height - 12);
        });
        var belowFrame = words.Where(word => word.YMax > frame.Bottom + 1).GroupBy(word => word.Page)
            .Select(page => string.Join(' ', page.Select(word => word.Word)));
        Assert.Equal(["Số hồ sơ GD/2026/00042 - Trang 1/2", "Số hồ sơ GD/2026/00042 - Trang 2/2"], belowFrame);
        Assert.Contains(words, word => word.Page == 2 && word.Word == "NHÂN");
    }

    [Fact]
    public void Decomposed_input_is_printed_as_precomposed_letters()
    {
        var decomposed = "Nguyễn Thị Hồng Nhung".Normalize(NormalizationForm.FormD);
        var document = Mau01Samples.Individual() with { FullName = decomposed, ContactPerson = decomposed };
        using var pdf = new Poppler(Renderer.Render(document));

        Assert.Contains("Nguyễn Thị Hồng Nhung".Normalize(NormalizationForm.FormC), pdf.RawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_in_parallel_each_with_its_own_values()
    {
        var names = Enumerable.Range(1, 8).Select(i => $"Phạm Thị Thu Hà số {i}").ToArray();

        var pdfs = names.AsParallel().Select(name => Renderer.Render(Mau01Samples.Individual() with { FullName = name })).ToArray();

        for (var i = 0; i < names.Length; i++)
        {
            using var pdf = new Poppler(pdfs[i]);
            Assert.Contains($"Tên cơ quan/tổ chức/cá nhân: {names[i]}", pdf.Text(), StringComparison.Ordinal);
        }
    }

    private static void AssertContains(string text, params string[] expected)
    {
        var missing = expected.Select(Poppler.Collapse).Where(e => !text.Contains(e, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"missing from the PDF text:\n  {string.Join("\n  ", missing)}\n--- text ---\n{text}");
    }

    private static List<(string Encoding, int Width, int Height)> ImageRows(string list) =>
        list.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(2)
            .Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(cells => (cells[8], int.Parse(cells[3], CultureInfo.InvariantCulture), int.Parse(cells[4], CultureInfo.InvariantCulture)))
            .ToList();

    private static string Flatten(bool[][] modules) => string.Concat(modules.SelectMany(row => row.Select(dark => dark ? '1' : '0')));
}
