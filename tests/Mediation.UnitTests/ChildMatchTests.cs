using Mediation.Requests.Matching;

namespace Mediation.UnitTests;

/// <summary>
/// Matching one child across Ukrainian and Russian Cyrillic and their Latin transliterations, on real
/// name pairs — and refusing near misses: siblings, feminine forms, similar but different names.
/// </summary>
public class ChildMatchTests
{
    private static readonly DateOnly Born = new(2014, 3, 9);

    private static ChildMatch.Profile Child(string name, DateOnly? born = null, string region = "Southern Region")
    {
        var parts = name.Split(' ');
        return new(parts[0], parts[1], born ?? Born, region);
    }

    public static TheoryData<string, string> SameChild() => new()
    {
        { "Олександр Ковальчук", "Oleksandr Kovalchuk" },
        { "Александр Ковальчук", "Aleksandr Kovalchuk" },
        { "Олександр Ковальчук", "Александр Ковальчук" },
        { "Oleksandr Kovalchuk", "Aleksandr Kowalczuk" },
        { "Oleksandr Kovalchuk", "Alexander Kovalchuk" },
        { "Ковальчук Олександр", "Oleksandr Kovalchuk" },
        { "Микола Гриценко", "Mykola Hrytsenko" },
        { "Mykola Hrytsenko", "Nikolai Gritsenko" },
        { "Николай Гриценко", "Mykola Hrytsenko" },
        { "Марина Гриценко", "Maryna Hrytsenko" },
        { "Софія Бондаренко", "Sofiia Bondarenko" },
        { "София Бондаренко", "Sofia Bondarenko" },
        { "Артем Ковальчук", "Artem Kovalchuk" },
        { "Артём Ковальчук", "Artyom Kovalchuk" },
        { "Денис Мельник", "Denys Melnyk" },
        { "Denis Melnik", "Denys Melnyk" },
        { "Юлія Савченко", "Yuliia Savchenko" },
        { "Юлия Савченко", "Yulia Savchenko" },
        { "Yuliia Savchenko", "Julia Savchenko" },
        { "Богдан Савченко", "Bohdan Savchenko" },
        { "Bogdan Savchenko", "Bohdan Savchenko" },
        { "Владислав Шевчук", "Vladyslav Shevchuk" },
        { "Vladislav Shevchuk", "Vladyslav Shevchuk" },
        { "Анастасія Лисенко", "Anastasiia Lysenko" },
        { "Анастасия Лысенко", "Anastasia Lysenko" },
        { "Катерина Мороз", "Kateryna Moroz" },
        { "Екатерина Мороз", "Kateryna Moroz" },
        { "Тетяна Ткаченко", "Tetiana Tkachenko" },
        { "Татьяна Ткаченко", "Tetiana Tkachenko" },
        { "Сергій Кравченко", "Serhii Kravchenko" },
        { "Сергей Кравченко", "Sergei Kravchenko" },
        { "Serhiy Kravchenko", "Sergey Kravchenko" },
        { "Дмитро Шевченко", "Dmytro Shevchenko" },
        { "Дмитрий Шевченко", "Dmytro Shevchenko" },
        { "Ганна Коваленко", "Anna Kovalenko" },
        { "Hanna Kovalenko", "Ganna Kovalenko" },
        { "Андрій Бойко", "Andrii Boiko" },
        { "Андрей Бойко", "Andriy Boyko" },
        { "Олексій Поліщук", "Oleksii Polishchuk" },
        { "Алексей Полищук", "Oleksii Polishchuk" },
        { "Григорій Романенко", "Hryhorii Romanenko" },
        { "Григорий Романенко", "Grigory Romanenko" },
        { "Ілля Петренко", "Illia Petrenko" },
        { "Наталія Гончаренко", "Nataliia Honcharenko" },
        { "Наталья Гончаренко", "Natalia Goncharenko" },
        { "Iryna Kovalchuk", "Irina Kovalchuk" },
        { "Mariia Tkachuk", "Maria Tkachuk" },
        { "Yevhen Marchenko", "Evgeny Marchenko" },
        { "Mykhailo Rudenko", "Mikhail Rudenko" },
        { "Petro Oliinyk", "Pyotr Oleinik" },
        { "Ольга Павленко", "Olha Pavlenko" },
        { "Olga Pavlenko", "Olha Pavlenko" },
    };

    public static TheoryData<string, string> DifferentChildren() => new()
    {
        { "Oleksandr Kovalchuk", "Oleksii Kovalchuk" },
        { "Oleksandr Kovalchuk", "Oleksandr Kovalenko" },
        { "Oleksandr Kovalchuk", "Oleksandra Kovalchuk" },
        { "Ivan Petrenko", "Ivanna Petrenko" },
        { "Mykola Hrytsenko", "Maryna Hrytsenko" },
        { "Maria Tkachuk", "Marina Tkachuk" },
        { "Yulia Savchenko", "Yana Savchenko" },
        { "Bohdan Savchenko", "Bohdana Savchenko" },
        { "Denys Melnyk", "Denys Melnychuk" },
        { "Artem Kovalchuk", "Artur Kovalchuk" },
        { "Sofiia Bondarenko", "Sofiia Bondar" },
        { "Vladyslav Shevchuk", "Viacheslav Shevchuk" },
        { "Anastasiia Lysenko", "Anastasiia Lytvynenko" },
        { "Kateryna Moroz", "Kateryna Morozova" },
        { "Serhii Kravchenko", "Serhii Kravchuk" },
        { "Dmytro Shevchenko", "Dmytro Shevchuk" },
        { "Andrii Boiko", "Andrii Bondar" },
        { "Hanna Kovalenko", "Halyna Kovalenko" },
        { "Oleh Polishchuk", "Olha Polishchuk" },
        { "Iryna Kovalchuk", "Inna Kovalchuk" },
        { "Maksym Rudenko", "Mykhailo Rudenko" },
        { "Pavlo Oliinyk", "Petro Oliinyk" },
        { "Yurii Marchenko", "Yuliia Marchenko" },
        { "Vasyl Tkachenko", "Vitalii Tkachenko" },
        { "Nataliia Honcharenko", "Nadiia Honcharenko" },
        { "Tetiana Tkachenko", "Tetiana Tkachuk" },
        { "Mykola Hrytsenko", "Mykyta Hrytsenko" },
        { "Denys Melnyk", "Danylo Melnyk" },
        { "Bohdan Savchenko", "Borys Savchenko" },
        { "Ivan Koval", "Ivan Kovalchuk" },
        { "Petro Ivanov", "Petro Ivanova" },
        { "Олександр Ковальчук", "Олексій Ковальчук" },
        { "Марія Ткачук", "Марина Ткачук" },
    };

    [Theory]
    [MemberData(nameof(SameChild))]
    public void The_same_child_written_in_another_script_or_spelling_is_a_candidate(string a, string b)
    {
        Assert.True(ChildMatch.Names(Child(a), Child(b)) >= ChildMatch.NameThreshold, $"names {ChildMatch.Names(Child(a), Child(b)):0.000}: {NameKey.Of(a.Split(' ')[0])} / {NameKey.Of(b.Split(' ')[0])}, {NameKey.Of(a.Split(' ')[1])} / {NameKey.Of(b.Split(' ')[1])}");
        Assert.True(ChildMatch.IsCandidate(Child(a), Child(b)));
    }

    [Theory]
    [MemberData(nameof(DifferentChildren))]
    public void A_near_miss_is_not_a_candidate_even_with_the_same_birth_date_and_place(string a, string b)
    {
        Assert.True(ChildMatch.Names(Child(a), Child(b)) < ChildMatch.NameThreshold, $"names {ChildMatch.Names(Child(a), Child(b)):0.000}: {NameKey.Of(a.Split(' ')[0])} / {NameKey.Of(b.Split(' ')[0])}, {NameKey.Of(a.Split(' ')[1])} / {NameKey.Of(b.Split(' ')[1])}");
        Assert.False(ChildMatch.IsCandidate(Child(a), Child(b)));
    }

    [Fact]
    public void The_tables_hold_at_least_thirty_pairs_each()
    {
        Assert.True(SameChild().Count >= 30);
        Assert.True(DifferentChildren().Count >= 30);
    }

    [Fact]
    public void The_score_is_absolute_and_weighs_birth_date_and_place_as_evidence()
    {
        var a = Child("Oleksandr Kovalchuk");
        Assert.Equal(1.0, ChildMatch.Score(a, Child("Олександр Ковальчук")));
        Assert.Equal(0.94, ChildMatch.Score(a, Child("Oleksandr Kovalchuk", new DateOnly(2014, 9, 3))));
        Assert.Equal(0.9, ChildMatch.Score(a, Child("Oleksandr Kovalchuk", region: "Eastern Region")));
        // Another year of birth: the same name is not enough.
        Assert.Equal(0.7, ChildMatch.Score(a, Child("Oleksandr Kovalchuk", new DateOnly(2012, 3, 9))));
        Assert.False(ChildMatch.IsCandidate(a, Child("Oleksandr Kovalchuk", new DateOnly(2012, 3, 9))));
    }

    [Fact]
    public void The_search_asks_for_exactly_the_birth_dates_that_can_make_a_candidate()
    {
        var agreeing = ChildMatch.AgreeingDates(Born).ToHashSet();
        for (var d = Born.AddYears(-2); d <= Born.AddYears(2); d = d.AddDays(1))
            Assert.Equal(ChildMatch.BirthDates(Born, d) >= 0.8, agreeing.Contains(d));
    }
}
