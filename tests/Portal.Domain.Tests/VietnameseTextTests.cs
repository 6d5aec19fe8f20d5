using System.Text;
using Portal.Domain.Text;

namespace Portal.Domain.Tests;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("BHXH Quận Đống Đa", "bhxh quan dong da")]
    [InlineData("BHXH Tp.Hồ Chí Minh", "bhxh tp ho chi minh")]
    [InlineData("  [00106]  ", "00106")]
    [InlineData("Ứng Hòa", "ung hoa")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fold_removes_diacritics_case_and_punctuation(string? text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));

    [Fact]
    public void Fold_treats_composed_and_decomposed_text_alike()
    {
        const string name = "Phường Nhân Chính, Quận Thanh Xuân";
        Assert.Equal(VietnameseText.Fold(name.Normalize(NormalizationForm.FormC)), VietnameseText.Fold(name.Normalize(NormalizationForm.FormD)));
    }
}
