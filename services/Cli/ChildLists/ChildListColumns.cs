namespace Mediation.Cli.ChildLists;

/// <summary>
/// The columns of a list of children: the fields a requesting party provides for one child (requests.proto's
/// ChildRequest), with one claimant per row. The same names are the keys of the JSON form.
/// </summary>
public static class ChildListColumns
{
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string BirthDate = "birth_date";
    public const string Region = "last_known_region";
    public const string Settlement = "last_known_settlement";
    public const string Institution = "last_known_institution";
    public const string SpecialNeeds = "special_needs";
    public const string ClaimantGivenName = "claimant_given_name";
    public const string ClaimantFamilyName = "claimant_family_name";
    public const string Relationship = "claimant_relationship";
    public const string HoldsCustody = "claimant_holds_custody";
    public const string Phone = "claimant_phone";
    public const string Email = "claimant_email";
    public const string Address = "claimant_address";
    public const string TraceConsentBy = "trace_consent_given_by";
    public const string TraceConsentTime = "trace_consent_time";
    public const string ShareConsentBy = "share_consent_given_by";
    public const string ShareConsentTime = "share_consent_time";

    /// <summary>Every column, in the order of the example file.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        GivenName, FamilyName, BirthDate, Region, Settlement, Institution, SpecialNeeds,
        ClaimantGivenName, ClaimantFamilyName, Relationship, HoldsCustody, Phone, Email, Address,
        TraceConsentBy, TraceConsentTime, ShareConsentBy, ShareConsentTime,
    ];

    /// <summary>Columns a list must have (their cells may still be checked further); the others may be left out.</summary>
    public static readonly IReadOnlySet<string> Required = new HashSet<string>
    {
        GivenName, FamilyName, BirthDate, Region, ClaimantGivenName, ClaimantFamilyName, Relationship,
        TraceConsentBy, TraceConsentTime,
    };

    public const string Help = """
        A list of children is a CSV file with a header row, or a JSON array of objects with the same keys, one
        child per row with one claimant:
          given_name, family_name          the child's names (required, at most 200 characters)
          birth_date                       YYYY-MM-DD; the child is under 18 and not yet born is refused
          last_known_region                where the child was last known to be (required), and optionally
          last_known_settlement, last_known_institution
          special_needs                    medical or special needs for the transfer (optional, at most 2000)
          claimant_given_name, claimant_family_name   the relative claiming the child (required)
          claimant_relationship            mother, father, grandparent, sibling, aunt, uncle, other_relative, legal_guardian
          claimant_holds_custody           yes or no (empty: no)
          claimant_phone, claimant_email, claimant_address   at least one of them
          trace_consent_given_by, trace_consent_time          consent to trace (required): who gave it, when
          share_consent_given_by, share_consent_time          consent to share with the holding party (empty: not given)
        Times are YYYY-MM-DD or RFC 3339 (2026-11-01T10:00:00Z), not in the future.
        """;
}
