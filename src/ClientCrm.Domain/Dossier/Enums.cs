namespace ClientCrm.Domain.Dossier;

/// <summary>The kinds of dossier document (客户档案资料, SPEC §6 and seed 000 三 2).</summary>
public enum DocumentType
{
    /// <summary>营业执照: with the credit certificate, what makes the registration complete.</summary>
    BusinessLicense = 1,

    /// <summary>资信证明.</summary>
    CreditCertificate = 2,

    /// <summary>生产经营状况介绍.</summary>
    OperatingStatus = 3,

    /// <summary>需求状况.</summary>
    DemandStatus = 4,

    /// <summary>在中国大陆的业务合作伙伴.</summary>
    ChinaPartners = 5,

    /// <summary>雇用外籍劳务许可 (SPEC §10, Art. 22).</summary>
    EmploymentApproval = 6,

    Other = 9,
}

/// <summary>How the document was collected (seed 000 三 2: 向客户索取、从客户资料中收集、通过驻外机构、通过使馆经商参处).</summary>
public enum CollectionMethod
{
    FromClient = 1,
    ClientMaterials = 2,
    OverseasOffice = 3,
    EmbassyCounsellor = 4,
    Other = 9,
}

/// <summary>What a file's first bytes say it is; the only types a dossier accepts (<see cref="FileContent.Detect"/>).</summary>
public enum FileContentKind
{
    Pdf = 1,
    Jpeg = 2,
    Png = 3,

    /// <summary>Word, Excel or PowerPoint 2007+ (OOXML: a zip with [Content_Types].xml).</summary>
    OfficeOpenXml = 4,

    /// <summary>Word, Excel or PowerPoint 97–2003 (an OLE2 compound file).</summary>
    OfficeLegacy = 5,
}
