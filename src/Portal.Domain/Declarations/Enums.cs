namespace Portal.Domain.Declarations;

public enum DeclarationKind
{
    /// <summary>Cá nhân: a person with a CMND/CCCD/passport.</summary>
    Individual,
    /// <summary>Người dưới 18 tuổi chưa có CMND/CCCD, declared with a guardian's identity.</summary>
    Child,
}

public enum DeclarationStatus
{
    Submitted,
    Received,
    Accepted,
    Rejected,
}

/// <summary>Đăng ký giao dịch tại.</summary>
public enum TransactionChannel
{
    /// <summary>Cổng thông tin điện tử của BHXH Việt Nam.</summary>
    BhxhPortal,
    /// <summary>Tổ chức I-VAN (its name is then required).</summary>
    Ivan,
}

/// <summary>Chọn hình thức nộp hồ sơ.</summary>
public enum SubmissionMethod
{
    /// <summary>Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam.</summary>
    AtOffice,
    /// <summary>Tại nhà thông qua dịch vụ bưu chính công ích.</summary>
    ByPost,
}

public enum PhotoKind
{
    Portrait,
    IdFront,
    IdBack,
    BirthCertificate,
}

public enum PhotoFormat
{
    Jpeg,
    Png,
}

public enum IdentityDocumentType
{
    /// <summary>Chứng minh nhân dân: 9 digits.</summary>
    Cmnd,
    /// <summary>Căn cước công dân: 12 digits, the first 3 a province code.</summary>
    Cccd,
    /// <summary>Hộ chiếu: a letter and 7 digits.</summary>
    Passport,
}

/// <summary>Which part of Mẫu 01 the declaration fills in.</summary>
public enum DeclarationPurpose
{
    /// <summary>1. Đăng ký sử dụng.</summary>
    Register,
    /// <summary>2. Điều chỉnh thông tin: a new email or mobile number.</summary>
    Amend,
    /// <summary>3. Ngừng sử dụng phương thức giao dịch: from a date, for a reason.</summary>
    Stop,
}
