namespace Adversa.Tests;

/// <summary>
/// A test against a real PostgreSQL: the database that <c>ADVERSA_TEST_POSTGRES</c> names
/// (postgresql://user:password@127.0.0.1:5432/database); skipped, with the reason, where it is not set.
/// .ci/run installs Debian's postgresql, starts it on 127.0.0.1 with a throwaway database and sets it.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The database's URL, if any.</summary>
    public static string? Url => Environment.GetEnvironmentVariable("ADVERSA_TEST_POSTGRES");

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Url))
            Skip = "ADVERSA_TEST_POSTGRES is not set (.ci/run starts a PostgreSQL and sets it)";
    }
}
