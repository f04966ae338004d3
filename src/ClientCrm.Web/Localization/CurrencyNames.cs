using System.Globalization;

namespace ClientCrm.Web.Localization;

/// <summary>
/// Currencies by name as well as code ("美元 USD", "USD (US dollar)"): the codes alone are opaque to most users. The table
/// holds the currencies of the countries the company works with; any other code is shown as it is.
/// </summary>
public static class CurrencyNames
{
    private static readonly Dictionary<string, (string Zh, string En)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CNY"] = ("人民币", "Chinese yuan"),
        ["USD"] = ("美元", "US dollar"),
        ["EUR"] = ("欧元", "euro"),
        ["GBP"] = ("英镑", "pound sterling"),
        ["CHF"] = ("瑞士法郎", "Swiss franc"),
        ["JPY"] = ("日元", "Japanese yen"),
        ["KRW"] = ("韩元", "South Korean won"),
        ["HKD"] = ("港元", "Hong Kong dollar"),
        ["MOP"] = ("澳门元", "Macanese pataca"),
        ["SGD"] = ("新加坡元", "Singapore dollar"),
        ["MYR"] = ("马来西亚林吉特", "Malaysian ringgit"),
        ["THB"] = ("泰铢", "Thai baht"),
        ["VND"] = ("越南盾", "Vietnamese dong"),
        ["IDR"] = ("印尼盾", "Indonesian rupiah"),
        ["PHP"] = ("菲律宾比索", "Philippine peso"),
        ["MNT"] = ("蒙古图格里克", "Mongolian tugrik"),
        ["KZT"] = ("哈萨克斯坦坚戈", "Kazakhstani tenge"),
        ["RUB"] = ("俄罗斯卢布", "Russian rouble"),
        ["AED"] = ("阿联酋迪拉姆", "UAE dirham"),
        ["SAR"] = ("沙特里亚尔", "Saudi riyal"),
        ["QAR"] = ("卡塔尔里亚尔", "Qatari riyal"),
        ["KWD"] = ("科威特第纳尔", "Kuwaiti dinar"),
        ["OMR"] = ("阿曼里亚尔", "Omani rial"),
        ["BHD"] = ("巴林第纳尔", "Bahraini dinar"),
        ["JOD"] = ("约旦第纳尔", "Jordanian dinar"),
        ["ILS"] = ("以色列新谢克尔", "Israeli new shekel"),
        ["TRY"] = ("土耳其里拉", "Turkish lira"),
        ["DZD"] = ("阿尔及利亚第纳尔", "Algerian dinar"),
        ["EGP"] = ("埃及镑", "Egyptian pound"),
        ["NGN"] = ("尼日利亚奈拉", "Nigerian naira"),
        ["AOA"] = ("安哥拉宽扎", "Angolan kwanza"),
        ["ZAR"] = ("南非兰特", "South African rand"),
        ["PLN"] = ("波兰兹罗提", "Polish zloty"),
        ["HUF"] = ("匈牙利福林", "Hungarian forint"),
        ["CZK"] = ("捷克克朗", "Czech koruna"),
        ["RSD"] = ("塞尔维亚第纳尔", "Serbian dinar"),
        ["AUD"] = ("澳元", "Australian dollar"),
        ["NZD"] = ("新西兰元", "New Zealand dollar"),
        ["PGK"] = ("巴布亚新几内亚基那", "Papua New Guinean kina"),
        ["FJD"] = ("斐济元", "Fijian dollar"),
        ["CAD"] = ("加元", "Canadian dollar"),
        ["BRL"] = ("巴西雷亚尔", "Brazilian real"),
    };

    /// <summary>"美元 USD" in Chinese, "USD (US dollar)" in English; an unknown code as it is; empty for none.</summary>
    public static string Of(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "";
        }

        var upper = code.Trim().ToUpperInvariant();
        if (!Names.TryGetValue(upper, out var name))
        {
            return upper;
        }

        return CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? $"{upper} ({name.En})" : $"{name.Zh} {upper}";
    }

    /// <summary>An amount with its currency named: "10,000.00 美元 USD".</summary>
    public static string Amount(decimal amount, string? code) =>
        string.IsNullOrWhiteSpace(code) ? amount.ToString("N2", CultureInfo.CurrentCulture) : $"{amount.ToString("N2", CultureInfo.CurrentCulture)} {Of(code)}";
}
