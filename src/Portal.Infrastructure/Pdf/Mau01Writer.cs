using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Pdf;

/// <summary>Positions on the first page, in points from the top left of an A4 sheet (PageSize.A4 would round it to 595 x 842).</summary>
internal static class Mau01Layout
{
    public static readonly XSize Page = new(XUnit.FromMillimeter(210).Point, XUnit.FromMillimeter(297).Point);
    public static readonly XRect Frame = new(56.7, 36, Page.Width - 56.7 - 42.5, Page.Height - 36 - 36);
    public static readonly XRect PhotoBox = new(Frame.Left, Frame.Top, 72, 96);
    public static readonly XRect FormNumberBox = new(Frame.Right - 66, Frame.Top, 66, 18);
    public static readonly XRect QrBox = new(Frame.Right - 66, FormNumberBox.Bottom + 4, 66, 66);
    public static readonly double HeaderBottom = QrBox.Bottom + 18;

    /// <summary>The column of the motto and date: between the photo and the QR code.</summary>
    public static readonly XRect MottoColumn = new(PhotoBox.Right + 12, Frame.Top, QrBox.Left - PhotoBox.Right - 24, 90);
}

internal sealed class Mau01Writer
{
    private const double BodySize = 11;
    private const double LineHeight = 12.8;
    private const string ShortBlank = ".....";
    private const string YearBlank = "........";

    private readonly FlowLayout _flow;
    private readonly Mau01Document _document;
    private readonly XFont _regular;
    private readonly XFont _bold;
    private readonly XFont _italic;

    public Mau01Writer(FlowLayout flow, Mau01Document document)
    {
        _flow = flow;
        _document = document;
        _regular = Font(BodySize, XFontStyleEx.Regular);
        _bold = Font(BodySize, XFontStyleEx.Bold);
        _italic = Font(BodySize, XFontStyleEx.Italic);
    }

    public void Write()
    {
        WriteHeader();
        WriteTitle();
        WriteDeclarant();
        WriteRegistration();
        WriteAdjustment();
        WriteStop();
        WriteCommitment();
        WriteSignatures();
    }

    private void WriteHeader()
    {
        var gfx = _flow.Graphics;
        DrawPhoto(gfx);

        var formNumberFont = Font(10, XFontStyleEx.Bold);
        gfx.DrawRectangle(new XPen(XColors.Black, 0.75), Mau01Layout.FormNumberBox);
        gfx.DrawString("Mẫu số 01", formNumberFont, XBrushes.Black, Mau01Layout.FormNumberBox, XStringFormats.Center);

        QrCodeDrawing.Draw(gfx, _document.QrPayload, Mau01Layout.QrBox);
        var recordFont = Font(9, XFontStyleEx.Regular);
        var recordLine = new XRect(Mau01Layout.QrBox.Left - 60, Mau01Layout.QrBox.Bottom + 2, Mau01Layout.QrBox.Width + 60, 12);
        gfx.DrawString($"Số hồ sơ: {Clean(_document.RecordNumber)}", recordFont, XBrushes.Black, recordLine, XStringFormats.TopRight);

        var column = Mau01Layout.MottoColumn;
        _flow.Y = column.Top + 2;
        _flow.Paragraph([new("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Font(12, XFontStyleEx.Bold))], 15, LineAlignment.Center, column.Left, column.Width);
        var motto = new TextRun[] { new("Độc lập - Tự do - Hạnh phúc", Font(12.5, XFontStyleEx.Bold)) };
        _flow.Paragraph(motto, 15, LineAlignment.Center, column.Left, column.Width);
        var mottoWidth = _flow.LastLineWidth(motto, column.Width);
        var underlineY = _flow.Y + 0.5;
        gfx.DrawLine(new XPen(XColors.Black, 0.6), column.Center.X - (mottoWidth / 2), underlineY, column.Center.X + (mottoWidth / 2), underlineY);

        _flow.Space(14);
        var date = _document.DeclaredOn;
        _flow.Paragraph(
            [new($"{Clean(_document.PlaceName)}, ngày {date:dd} tháng {date:MM} năm {date:yyyy}", Font(11.5, XFontStyleEx.Italic))],
            14, LineAlignment.Center, column.Left, column.Width);

        _flow.Y = Math.Max(_flow.Y, Mau01Layout.HeaderBottom);
    }

    private void DrawPhoto(XGraphics gfx)
    {
        var box = Mau01Layout.PhotoBox;
        if (_document.Portrait is not { } portrait)
        {
            gfx.DrawRectangle(new XPen(XColors.Black, 0.5), box);
            return;
        }
        var printed = PrintedPortrait.For(portrait, box);
        using (var image = XImage.FromStream(new MemoryStream(printed.Bytes, writable: false)))
        {
            var scale = Math.Min(box.Width / image.PixelWidth, box.Height / image.PixelHeight);
            var width = image.PixelWidth * scale;
            var height = image.PixelHeight * scale;
            gfx.DrawImage(image, box.X + ((box.Width - width) / 2), box.Y + ((box.Height - height) / 2), width, height);
        }
        gfx.DrawRectangle(new XPen(XColors.Black, 0.75), box);
    }

    private void WriteTitle()
    {
        _flow.Paragraph([new("TỜ KHAI", Font(15, XFontStyleEx.Bold))], 19, LineAlignment.Center);
        _flow.Paragraph(
            [new("Đăng ký sử dụng, điều chỉnh thông tin và ngừng sử dụng phương thức giao dịch điện tử trong lĩnh vực bảo hiểm xã hội", Font(11.5, XFontStyleEx.Bold))],
            14.5, LineAlignment.Center, _flow.Frame.Left + 40, _flow.Frame.Width - 80);
        _flow.Space(4);
        _flow.Paragraph([new("Kính gửi: Bảo hiểm xã hội Việt Nam.", Font(11.5, XFontStyleEx.Italic))], 15, LineAlignment.Center);
        _flow.Space(6);
    }

    private void WriteDeclarant()
    {
        if (_document.Kind == DeclarationKind.Child)
        {
            Field(FieldLabels.ChildName, _document.FullName);
            Field(FieldLabels.MaSoBhxh, _document.MaSoBhxh);
            Field(FieldLabels.GuardianMaSoBhxh, _document.GuardianMaSoBhxh);
            Field(FieldLabels.GuardianIdentityNumber, _document.GuardianIdentityNumber);
            if (_document.GuardianName is not null) Field(FieldLabels.GuardianName, _document.GuardianName);
        }
        else
        {
            Field(FieldLabels.Name, _document.FullName);
            Field(FieldLabels.MaSoBhxh, _document.MaSoBhxh);
            Field(FieldLabels.IdentityNumber, _document.IdentityNumber);
        }
        Field(FieldLabels.Address, _document.Address);
        Field("Số chứng thư số của cơ quan, tổ chức, cá nhân", null);
        Field("Tên tổ chức chứng thực chữ ký số", null);
        Line($"Thời hạn sử dụng chứng thư số: {DateBlank("Từ ngày")} {DateBlank("đến ngày")} (*)");
        Line("Cá nhân tôi không có chứng thư số (không điền nội dung tại mục (*)), đề nghị cơ quan Bảo hiểm xã hội cấp mã xác thực giao dịch điện tử theo địa chỉ thư điện tử hoặc số điện thoại di động dưới đây:");
        Field(FieldLabels.ContactPerson, _document.ContactPerson);
        Field(FieldLabels.Email, _document.Email);
        Field(FieldLabels.MobilePhone, _document.MobilePhone);
        _flow.Space(3);
        Line("Theo Nghị định số 166/2016/NĐ-CP ngày 24 tháng 12 năm 2016 của Chính phủ, cơ quan/tổ chức/cá nhân tôi có đủ các điều kiện sử dụng phương thức giao dịch điện tử. Cơ quan/tổ chức/cá nhân tôi đăng ký, điều chỉnh thông tin và ngừng sử dụng phương thức giao dịch điện tử trong lĩnh vực bảo hiểm xã hội với cơ quan Bảo hiểm xã hội như sau:");
    }

    private void WriteRegistration()
    {
        if (_document.Purpose != DeclarationPurpose.Register)
        {
            // Another section is this form's: section 1 stays blank, as on a form filled in by hand.
            Section("1. Đăng ký sử dụng:");
            Line($"- Đăng ký sử dụng phương thức giao dịch điện tử trong lĩnh vực Bảo hiểm xã hội {DateBlank("từ ngày")}");
            Field("- Đăng ký giao dịch tại", null);
            Field("- Tên Tổ chức I-VAN", null);
            WriteOffice();
            Field("- Hình thức nộp hồ sơ", null);
            return;
        }
        Section("1. Đăng ký sử dụng:");
        var from = _document.UseFrom ?? _document.DeclaredOn;
        Paragraph(
            new("- Đăng ký sử dụng phương thức giao dịch điện tử trong lĩnh vực Bảo hiểm xã hội từ ngày ", _regular),
            new(from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), _bold));
        Field($"- {FieldLabels.Channel}", Labels.Of(_document.Channel));
        Field("- Tên Tổ chức I-VAN", _document.Channel == TransactionChannel.Ivan ? _document.IvanName : null);

        WriteOffice();
        Field("- Hình thức nộp hồ sơ", Labels.Of(_document.SubmissionMethod));
    }

    private void WriteOffice()
    {
        var office = new List<TextRun> { new("- Cơ quan BHXH tiếp nhận: ", _regular), new(Clean(_document.OfficeName), _bold) };
        var officeDetails = new[]
        {
            Clean(_document.OfficeAddress),
            string.IsNullOrWhiteSpace(_document.OfficePhone) ? string.Empty : $"ĐT {Clean(_document.OfficePhone)}",
        }.Where(part => part.Length > 0).ToArray();
        if (officeDetails.Length > 0)
        {
            office.Add(new($" ({string.Join(", ", officeDetails)})", _regular));
        }
        _flow.Paragraph(office, LineHeight);
    }

    private void WriteAdjustment()
    {
        Section("2. Điều chỉnh thông tin:");
        Field("- Số chứng thư số của cơ quan, tổ chức, cá nhân", null);
        Field("Tên tổ chức chứng thực chữ ký số", null, indent: 7);
        Line($"Thời hạn sử dụng chứng thư số: {DateBlank("Từ ngày")} {DateBlank("đến ngày")}", indent: 7);
        var amend = _document.Purpose == DeclarationPurpose.Amend;
        Field("- Địa chỉ thư điện tử", amend ? _document.AmendedEmail : null);
        Field("- Số điện thoại di động", amend ? _document.AmendedMobilePhone : null);
        _flow.Paragraph([new("(Chỉ ghi những nội dung có thay đổi, bổ sung)", _italic)], LineHeight);
    }

    private void WriteStop()
    {
        Section("3. Ngừng sử dụng phương thức giao dịch:");
        if (_document.Purpose == DeclarationPurpose.Stop && _document.StopFrom is { } from)
            Paragraph(new("- Ngừng giao dịch điện tử trong lĩnh vực bảo hiểm xã hội từ ngày ", _regular),
                new(from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), _bold));
        else
            Line($"- Ngừng giao dịch điện tử trong lĩnh vực bảo hiểm xã hội {DateBlank("từ ngày")}");
        Field($"- {FieldLabels.StopReason}", _document.Purpose == DeclarationPurpose.Stop ? _document.StopReason : null);
    }

    private void WriteCommitment()
    {
        _flow.Space(4);
        Line(Labels.Commitment + "/.");
    }

    private void WriteSignatures()
    {
        const double signatureSpace = 40;
        var titleFont = Font(10.5, XFontStyleEx.Bold);
        var noteFont = Font(10.5, XFontStyleEx.Italic);
        _flow.Space(6);
        _flow.KeepTogether((LineHeight * 3) + signatureSpace);

        var top = _flow.Y;
        var half = _flow.Frame.Width / 2;
        var left = _flow.Frame.Left;
        var right = _flow.Frame.Left + half;
        _flow.Paragraph([new("CHỮ KÝ SỐ CỦA CƠ QUAN, TỔ CHỨC, CÁ NHÂN", titleFont)], LineHeight, LineAlignment.Center, left, half);
        var leftBottom = _flow.Y;

        _flow.Y = top;
        _flow.Paragraph([new("CƠ QUAN, TỔ CHỨC, CÁ NHÂN", titleFont)], LineHeight, LineAlignment.Center, right, half);
        _flow.Paragraph([new("(Ký, ghi rõ họ tên)", noteFont)], LineHeight, LineAlignment.Center, right, half);
        _flow.Space(signatureSpace);
        // A child's form is signed by the guardian.
        var signer = _document.Kind == DeclarationKind.Child && _document.GuardianName is not null ? _document.GuardianName : _document.FullName;
        _flow.Paragraph([new(Clean(signer), _bold)], LineHeight, LineAlignment.Center, right, half);
        _flow.Y = Math.Max(_flow.Y, leftBottom);
    }

    private void Section(string title)
    {
        _flow.Space(2);
        _flow.KeepTogether(LineHeight * 2);
        _flow.Paragraph([new(title, _bold)], LineHeight);
    }

    /// <summary>"Label: value", the value in bold; a missing value is a dotted blank to fill in by hand.</summary>
    private void Field(string label, string? value, double indent = 0)
    {
        var text = Clean(value);
        TextRun valueRun = text.Length == 0 ? TextRun.Leader(_regular) : new(text, _bold);
        _flow.Paragraph([new($"{label}: ", _regular), valueRun], LineHeight, LineAlignment.Left, indent);
    }

    private void Line(string text, double indent = 0) => _flow.Paragraph([new(text, _regular)], LineHeight, LineAlignment.Left, indent);

    private void Paragraph(params TextRun[] runs) => _flow.Paragraph(runs, LineHeight);

    private static string DateBlank(string lead) => $"{lead} {ShortBlank} tháng {ShortBlank} năm {YearBlank}";

    /// <summary>NFC, because the fonts carry precomposed Vietnamese letters and PDFsharp does no mark positioning; one line, single spaces.</summary>
    private static string Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }
        var normalized = value.Normalize(NormalizationForm.FormC);
        return string.Join(' ', normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static XFont Font(double size, XFontStyleEx style) =>
        new(FormFontResolver.FamilyName, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
}
