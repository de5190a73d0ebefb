namespace Mediation.Requests.Domain;

public sealed class Child
{
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly BirthDate { get; set; }
    public required Place LastKnownPlace { get; set; }
    public string SpecialNeeds { get; set; } = "";

    public bool HasSpecialNeeds => SpecialNeeds.Length > 0;

    /// <summary>Age in whole years on <paramref name="day"/>.</summary>
    public int AgeOn(DateOnly day) => AgeOn(BirthDate, day);

    /// <summary>Age in whole years on <paramref name="day"/> of a child born on <paramref name="birthDate"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        return birthDate > day.AddYears(-age) ? age - 1 : age;
    }
}
