namespace Portal.Domain.Offices;

/// <summary>Where an office's entry comes from.</summary>
public enum OfficeSource
{
    /// <summary>Stated by BHXH's own guidance documents.</summary>
    Seed,
    /// <summary>Generated from the administrative district list; address and phone are not yet confirmed.</summary>
    Derived,
}
