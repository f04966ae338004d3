using ClientCrm.Domain.Dossier;

namespace ClientCrm.Domain.Tests.Dossier;

/// <summary>Issue 13: lists show phone numbers and e-mail addresses masked, one function for every list.</summary>
public sealed class ContactMaskTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138-1234-5678", "138****5678")]
    [InlineData("+49 30 1234 5678", "+493****5678")]
    [InlineData("123456", "1****56")]
    [InlineData("1234", "****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phone_numbers_keep_their_first_three_and_last_four_digits(string? phone, string masked) =>
        Assert.Equal(masked, ContactMask.Phone(phone));

    [Theory]
    [InlineData("zhang.wei@example.com", "z***@example.com")]
    [InlineData(" Li@Example.cn ", "L***@Example.cn")]
    [InlineData("not-an-address", "****")]
    [InlineData("@example.com", "****")]
    [InlineData(null, "")]
    public void E_mail_addresses_keep_their_first_letter_and_domain(string? email, string masked) =>
        Assert.Equal(masked, ContactMask.Email(email));

    [Fact]
    public void No_masked_value_holds_the_middle_of_the_original()
    {
        Assert.DoesNotContain("1234", ContactMask.Phone("13812345678"), StringComparison.Ordinal);
        Assert.DoesNotContain("hang.wei", ContactMask.Email("zhang.wei@example.com"), StringComparison.Ordinal);
    }
}
