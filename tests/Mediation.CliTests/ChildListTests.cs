using Mediation.Cli.ChildLists;

namespace Mediation.CliTests;

/// <summary>How a list of children is read: quoting as spreadsheets write it, and every problem reported where it is.</summary>
public sealed class ChildListTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private const string Header = "given_name,family_name,birth_date,last_known_region,claimant_given_name,claimant_family_name,claimant_relationship,claimant_address,trace_consent_given_by,trace_consent_time";

    [Fact]
    public void A_quoted_field_may_hold_commas_quotes_and_line_breaks_and_the_row_is_numbered_as_a_spreadsheet_shows_it()
    {
        var list = ChildList.FromCsv(Header + "\n"
            + "Ivan,Koval,2018-04-02,Southern Region,Olena,Koval,mother,\"12 \"\"Linden\"\" St,\nCapital\",the mother,2026-10-01\n"
            + "Lesia,Vovk,2030-01-01,Southern Region,Taras,Vovk,father,Home,the father,2026-10-01\n", Now);

        Assert.Equal("12 \"Linden\" St,\nCapital", list.Rows[0].Request!.Claimants[0].Contact.Address);
        Assert.Equal([new InputError(3, "birth_date (C)", "in the future")], list.Errors);
    }

    [Fact]
    public void Every_problem_of_every_row_is_reported_and_a_child_listed_twice_is_one_of_them()
    {
        var list = ChildList.FromCsv(Header + ",colour\n"
            + "Ivan,Koval,2018-04-02,Southern Region,Olena,Koval,mother,Home,the mother,2026-10-01,red\n"
            + ",Koval,2000-04-02,,Olena,Koval,cousin,,,,red\n"
            + "ivan,KOVAL,2018-04-02,southern region,Olena,Koval,mother,Home,the mother,2026-10-01,red\n", Now);

        Assert.Contains(new InputError(1, "colour (K)", "unknown column; the columns are: " + string.Join(", ", ChildListColumns.All)), list.Errors);
        Assert.Equal(["given_name (A)", "birth_date (C)", "last_known_region (D)", "claimant_relationship (G)", "claimant_phone", "trace_consent_given_by (I)"],
            list.Errors.Where(e => e.Row == 3).Select(e => e.Column));
        Assert.Contains(new InputError(4, "", "the same child as row 2 (names, birth date and last known region): list each child once"), list.Errors);
    }

    [Fact]
    public void The_same_row_of_the_same_list_is_sent_under_the_same_id_and_a_corrected_row_under_a_new_one()
    {
        var list = ChildList.FromCsv(Header + "\nIvan,Koval,2018-04-02,Southern Region,Olena,Koval,mother,Home,the mother,2026-10-01\n", Now);
        var corrected = ChildList.FromCsv(Header + "\nIvan,Koval,2018-04-03,Southern Region,Olena,Koval,mother,Home,the mother,2026-10-01\n", Now);

        var id = RowRequestId.For("children.csv", 2, list.Rows[0].Request!);

        Assert.Equal(id, RowRequestId.For("children.csv", 2, ChildList.FromCsv(Header + "\nIvan,Koval,2018-04-02,Southern Region,Olena,Koval,mother,Home,the mother,2026-10-01\n", Now).Rows[0].Request!));
        Assert.NotEqual(id, RowRequestId.For("children.csv", 2, corrected.Rows[0].Request!));
        Assert.NotEqual(id, RowRequestId.For("other-list.csv", 2, list.Rows[0].Request!));
        Assert.InRange(id.Length, 1, 100);
    }
}
