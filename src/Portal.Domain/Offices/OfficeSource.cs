namespace Portal.Domain.Offices;

/// <summary>Where an office's entry, and its address and phone, come from.</summary>
public enum OfficeSource
{
    /// <summary>Stated by BHXH's own guidance documents.</summary>
    Seed,
    /// <summary>Generated from the administrative district list; address and phone are not yet confirmed.</summary>
    Derived,
    /// <summary>Address and phone entered by the portal's admins (Quản trị → Cơ quan BHXH).</summary>
    Staff,
}
