namespace Portal.Infrastructure.Photos;

/// <summary>Why an uploaded photo is refused. <see cref="PhotoInspector.MessageFor"/> has the text shown next to the field.</summary>
public enum PhotoProblem
{
    /// <summary>No bytes at all: nothing was chosen.</summary>
    Empty,
    /// <summary>More than <see cref="Domain.Declarations.DeclarationPhoto.MaxBytes"/> bytes.</summary>
    TooLarge,
    /// <summary>The content starts like neither a JPEG nor a PNG, whatever the file is called.</summary>
    NotJpegOrPng,
    /// <summary>It starts like a JPEG or PNG but its structure is truncated or invalid.</summary>
    Corrupt,
    /// <summary>A side is shorter than <see cref="Domain.Declarations.DeclarationPhoto.MinDimension"/> pixels.</summary>
    TooSmall,
    /// <summary>A side is longer than <see cref="PhotoInspector.MaxDimension"/> or the area exceeds <see cref="PhotoInspector.MaxPixels"/>.</summary>
    DimensionsTooLarge,
}
