namespace Portal.Domain.Declarations;

/// <summary>A photo attached to a declaration. The bytes live in the file store under <see cref="StorageKey"/>.</summary>
public sealed class DeclarationPhoto
{
    public const int MinDimension = 300;
    public const long MaxBytes = 5 * 1024 * 1024;

    private DeclarationPhoto()
    {
        StorageKey = Sha256 = string.Empty;
    }

    public DeclarationPhoto(PhotoKind kind, string storageKey, PhotoFormat format, int width, int height, long sizeBytes, string sha256)
    {
        if (string.IsNullOrWhiteSpace(storageKey)) throw new DomainRuleException("A photo has a storage key.");
        if (width < MinDimension || height < MinDimension)
            throw new DomainRuleException($"A photo is at least {MinDimension}×{MinDimension} px.");
        if (sizeBytes is <= 0 or > MaxBytes) throw new DomainRuleException($"A photo has 1 to {MaxBytes} bytes.");
        Kind = kind;
        StorageKey = storageKey;
        Format = format;
        Width = width;
        Height = height;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
    }

    public long Id { get; private set; }
    public PhotoKind Kind { get; private set; }
    public string StorageKey { get; private set; }
    public PhotoFormat Format { get; private set; }
    public int Width { get; private set; }
    public int Height { get; private set; }
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; }

    public string ContentType => Format == PhotoFormat.Jpeg ? "image/jpeg" : "image/png";
}
