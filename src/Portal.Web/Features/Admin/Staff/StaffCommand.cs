namespace Portal.Web.Features.Admin.Staff;

/// <summary>What a button of the staff list asks for, posted as "verb:account id".</summary>
public sealed record StaffCommand(string Verb)
{
    public static readonly StaffCommand Disable = new("khoa");
    public static readonly StaffCommand Enable = new("mo-khoa");
    public static readonly StaffCommand NewPassword = new("cap-lai-mat-khau");

    public string Of(Guid accountId) => $"{Verb}:{accountId}";

    public static (StaffCommand Command, Guid AccountId)? Parse(string? value)
    {
        if (value?.Split(':') is not [var verb, var id] || !Guid.TryParse(id, out var accountId)) return null;
        StaffCommand? command = verb switch
        {
            "khoa" => Disable,
            "mo-khoa" => Enable,
            "cap-lai-mat-khau" => NewPassword,
            _ => null,
        };
        return command is null ? null : (command, accountId);
    }
}
