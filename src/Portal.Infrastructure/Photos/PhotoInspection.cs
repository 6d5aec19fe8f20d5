using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// What <see cref="PhotoInspector.Inspect"/> found. <see cref="Format"/> is set once the magic bytes were read (they are
/// not for <see cref="PhotoProblem.Empty"/> and <see cref="PhotoProblem.TooLarge"/>, decided first);
/// <see cref="Width"/> and <see cref="Height"/> once the header was read, 0 otherwise.
/// </summary>
public sealed record PhotoInspection(PhotoFormat? Format, int Width, int Height, PhotoProblem? Problem)
{
    public bool IsAcceptable => Problem is null;
}
