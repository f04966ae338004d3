namespace ClientCrm.Domain.Clients;

public sealed record Country(string Code, string NameZh, string NameEn, Region Region);

/// <summary>
/// Destination countries of China's overseas labour cooperation, keyed by ISO 3166-1 alpha-2. The region
/// is the company's reporting region, which files the Gulf states under ME rather than AS.
/// </summary>
public static class Countries
{
    public static readonly IReadOnlyList<Country> All =
    [
        new("JP", "日本", "Japan", Region.AS),
        new("KR", "韩国", "South Korea", Region.AS),
        new("SG", "新加坡", "Singapore", Region.AS),
        new("MY", "马来西亚", "Malaysia", Region.AS),
        new("ID", "印度尼西亚", "Indonesia", Region.AS),
        new("TH", "泰国", "Thailand", Region.AS),
        new("VN", "越南", "Vietnam", Region.AS),
        new("PH", "菲律宾", "Philippines", Region.AS),
        new("KH", "柬埔寨", "Cambodia", Region.AS),
        new("LA", "老挝", "Laos", Region.AS),
        new("MM", "缅甸", "Myanmar", Region.AS),
        new("BD", "孟加拉国", "Bangladesh", Region.AS),
        new("PK", "巴基斯坦", "Pakistan", Region.AS),
        new("LK", "斯里兰卡", "Sri Lanka", Region.AS),
        new("MN", "蒙古", "Mongolia", Region.AS),
        new("KZ", "哈萨克斯坦", "Kazakhstan", Region.AS),
        new("UZ", "乌兹别克斯坦", "Uzbekistan", Region.AS),
        new("MO", "中国澳门", "Macao SAR", Region.AS),
        new("HK", "中国香港", "Hong Kong SAR", Region.AS),
        new("SA", "沙特阿拉伯", "Saudi Arabia", Region.ME),
        new("AE", "阿联酋", "United Arab Emirates", Region.ME),
        new("QA", "卡塔尔", "Qatar", Region.ME),
        new("KW", "科威特", "Kuwait", Region.ME),
        new("OM", "阿曼", "Oman", Region.ME),
        new("BH", "巴林", "Bahrain", Region.ME),
        new("IQ", "伊拉克", "Iraq", Region.ME),
        new("IL", "以色列", "Israel", Region.ME),
        new("JO", "约旦", "Jordan", Region.ME),
        new("TR", "土耳其", "Türkiye", Region.ME),
        new("DE", "德国", "Germany", Region.EU),
        new("PL", "波兰", "Poland", Region.EU),
        new("HU", "匈牙利", "Hungary", Region.EU),
        new("RS", "塞尔维亚", "Serbia", Region.EU),
        new("RU", "俄罗斯", "Russia", Region.EU),
        new("IT", "意大利", "Italy", Region.EU),
        new("ES", "西班牙", "Spain", Region.EU),
        new("GB", "英国", "United Kingdom", Region.EU),
        new("FR", "法国", "France", Region.EU),
        new("NL", "荷兰", "Netherlands", Region.EU),
        new("GR", "希腊", "Greece", Region.EU),
        new("CY", "塞浦路斯", "Cyprus", Region.EU),
        new("DZ", "阿尔及利亚", "Algeria", Region.AF),
        new("AO", "安哥拉", "Angola", Region.AF),
        new("NG", "尼日利亚", "Nigeria", Region.AF),
        new("ET", "埃塞俄比亚", "Ethiopia", Region.AF),
        new("KE", "肯尼亚", "Kenya", Region.AF),
        new("ZA", "南非", "South Africa", Region.AF),
        new("EG", "埃及", "Egypt", Region.AF),
        new("ZM", "赞比亚", "Zambia", Region.AF),
        new("TZ", "坦桑尼亚", "Tanzania", Region.AF),
        new("CG", "刚果（布）", "Congo", Region.AF),
        new("US", "美国", "United States", Region.AM),
        new("CA", "加拿大", "Canada", Region.AM),
        new("PA", "巴拿马", "Panama", Region.AM),
        new("BR", "巴西", "Brazil", Region.AM),
        new("CL", "智利", "Chile", Region.AM),
        new("PE", "秘鲁", "Peru", Region.AM),
        new("MX", "墨西哥", "Mexico", Region.AM),
        new("VE", "委内瑞拉", "Venezuela", Region.AM),
        new("AU", "澳大利亚", "Australia", Region.AU),
        new("NZ", "新西兰", "New Zealand", Region.AU),
        new("PG", "巴布亚新几内亚", "Papua New Guinea", Region.AU),
        new("FJ", "斐济", "Fiji", Region.AU),
        new("WS", "萨摩亚", "Samoa", Region.AU),
        new("TO", "汤加", "Tonga", Region.AU),
    ];

    private static readonly Dictionary<string, Country> ByCode =
        All.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static Country? Find(string? code) =>
        code is not null && ByCode.TryGetValue(code, out var c) ? c : null;

    public static bool IsKnown(string? code) => Find(code) is not null;
}
