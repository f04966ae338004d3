using ClientCrm.Infrastructure.Security;

namespace ClientCrm.IntegrationTests.Security;

public sealed class BlindIndexTests
{
    [Theory]
    [InlineData("+971 4-123 4567")]
    [InlineData("00971 4 1234567")]
    [InlineData("971-4-1234567")]
    [InlineData("(971) 4 123.4567")]
    [InlineData("+٩٧١ ٤ ١٢٣ ٤٥٦٧")]
    [InlineData("＋９７１ ４ １２３ ４５６７")]
    public void PhoneVariantsNormalizeToTheSameDigits(string phone)
    {
        Assert.Equal("97141234567", BlindIndexNormalizer.Normalize(BlindIndexKind.Phone, phone));
    }

    [Fact]
    public void PhoneVariantsProduceTheSameIndex()
    {
        var indexer = new HmacBlindIndexer(TestKeys.Ring());

        var plus = indexer.Compute(BlindIndexKind.Phone, "+971 4-123 4567");
        var doubleZero = indexer.Compute(BlindIndexKind.Phone, "00971 4 1234567");
        var bare = indexer.Compute(BlindIndexKind.Phone, "971-4-1234567");

        Assert.Equal(32, plus.Length);
        Assert.Equal(plus, doubleZero);
        Assert.Equal(plus, bare);
    }

    [Fact]
    public void DifferentPhoneNumbersProduceDifferentIndexes()
    {
        var indexer = new HmacBlindIndexer(TestKeys.Ring());

        Assert.NotEqual(
            indexer.Compute(BlindIndexKind.Phone, "+971 4 123 4567"),
            indexer.Compute(BlindIndexKind.Phone, "+971 4 123 4568"));
    }

    [Theory]
    [InlineData("  Zhang.Wei@Example.COM ", "zhang.wei@example.com")]
    [InlineData("ZHANG@EXAMPLE.CN", "zhang@example.cn")]
    [InlineData("already@lower.case", "already@lower.case")]
    public void EmailIsTrimmedAndLowerCased(string input, string expected)
    {
        Assert.Equal(expected, BlindIndexNormalizer.Normalize(BlindIndexKind.Email, input));
    }

    [Theory]
    [InlineData(BlindIndexKind.TaxNumber, "100-234 567.890/003", "100234567890003")]
    [InlineData(BlindIndexKind.TaxNumber, "91350100m000100y43", "91350100M000100Y43")]
    [InlineData(BlindIndexKind.RegistrationNumber, " cn-123/45.ab ", "CN12345AB")]
    [InlineData(BlindIndexKind.RegistrationNumber, "DED\t12 34", "DED1234")]
    public void DocumentNumbersAreUpperCasedWithoutSeparators(BlindIndexKind kind, string input, string expected)
    {
        Assert.Equal(expected, BlindIndexNormalizer.Normalize(kind, input));
    }

    [Fact]
    public void EmailCaseAndWhitespaceVariantsProduceTheSameIndex()
    {
        var indexer = new HmacBlindIndexer(TestKeys.Ring());

        Assert.Equal(
            indexer.Compute(BlindIndexKind.Email, "zhang.wei@example.com"),
            indexer.Compute(BlindIndexKind.Email, " Zhang.Wei@EXAMPLE.com"));
    }

    [Fact]
    public void TaxNumberFormattingVariantsProduceTheSameIndex()
    {
        var indexer = new HmacBlindIndexer(TestKeys.Ring());

        Assert.Equal(
            indexer.Compute(BlindIndexKind.TaxNumber, "100-234-567-890-003"),
            indexer.Compute(BlindIndexKind.TaxNumber, "100 234 567 890 003"));
    }

    [Fact]
    public void TheSameValueIndexedAsDifferentKindsGivesDifferentIndexes()
    {
        var indexer = new HmacBlindIndexer(TestKeys.Ring());
        const string value = "1234567890";

        var indexes = Enum.GetValues<BlindIndexKind>().Select(kind => Convert.ToHexString(indexer.Compute(kind, value))).ToList();

        Assert.Equal(4, indexes.Count);
        Assert.Equal(indexes.Count, indexes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ADifferentBlindKeyGivesADifferentIndex()
    {
        var first = new HmacBlindIndexer(TestKeys.Ring());
        var second = new HmacBlindIndexer(TestKeys.Ring());

        Assert.NotEqual(
            first.Compute(BlindIndexKind.Phone, "+971 4 123 4567"),
            second.Compute(BlindIndexKind.Phone, "+971 4 123 4567"));
    }

    [Fact]
    public void TheIndexIsStableForTheSameBlindKeyAcrossKeyRings()
    {
        var blind = TestKeys.NewKey();
        var ringA = KeyRing.FromOptions(new EncryptionOptions { ActiveKeyId = "a", Keys = { ["a"] = TestKeys.NewKey() }, BlindIndexKey = blind });
        var ringB = KeyRing.FromOptions(new EncryptionOptions { ActiveKeyId = "b", Keys = { ["b"] = TestKeys.NewKey() }, BlindIndexKey = blind });

        Assert.Equal(
            new HmacBlindIndexer(ringA).Compute(BlindIndexKind.Email, "a@b.c"),
            new HmacBlindIndexer(ringB).Compute(BlindIndexKind.Email, "a@b.c"));
    }

    [Theory]
    [InlineData(BlindIndexKind.Phone, "")]
    [InlineData(BlindIndexKind.Phone, "n/a")]
    [InlineData(BlindIndexKind.Phone, "00")]
    [InlineData(BlindIndexKind.Email, "   ")]
    [InlineData(BlindIndexKind.TaxNumber, " - . / ")]
    [InlineData(BlindIndexKind.RegistrationNumber, "")]
    public void ValuesEmptyAfterNormalizationAreRejected(BlindIndexKind kind, string value)
    {
        var indexer = new HmacBlindIndexer(TestKeys.Ring());

        Assert.Throws<ArgumentException>(() => indexer.Compute(kind, value));
    }

    [Fact]
    public void UnknownKindIsRejected()
    {
        var indexer = new HmacBlindIndexer(TestKeys.Ring());

        Assert.Throws<ArgumentOutOfRangeException>(() => indexer.Compute((BlindIndexKind)99, "x"));
    }

    [Fact]
    public void IndexerNormalizeMatchesTheNormalizer()
    {
        Assert.Equal(
            BlindIndexNormalizer.Normalize(BlindIndexKind.Phone, "+971 4 123 4567"),
            HmacBlindIndexer.Normalize(BlindIndexKind.Phone, "+971 4 123 4567"));
    }
}
