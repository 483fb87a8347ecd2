using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Adversa.Runtime;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Adversa.Training.Sweeps;

/// <summary>The states of a trial.</summary>
public enum TrialState
{
    /// <summary>Waiting for a worker.</summary>
    Pending,
    /// <summary>Claimed by a worker that renews its lease.</summary>
    Running,
    /// <summary>Trained and measured.</summary>
    Done,
    /// <summary>Training failed (the error is kept).</summary>
    Failed,
}

/// <summary>One trial: its values, where it stands, who holds it until when, and its result.</summary>
public sealed record Trial(int Number, int Round, IReadOnlyDictionary<string, string> Values, TrialState State, string? Owner, DateTimeOffset? LeaseUntil,
    double? Objective, double? Seconds, int Attempts, string? Error);

/// <summary>
/// The trials of one study, shared by every worker: an embedded SQLite file by default (nothing to install), or
/// PostgreSQL (<c>postgresql://user:password@host:port/database</c>) for workers on many machines; the same tables and
/// statements on both. Claiming is one conditional UPDATE (a row is handed out only while it is pending or its lease
/// has run out, re-checked under the row's lock), so no trial runs twice; a worker that stops renewing loses its trial
/// to the next claim.
/// </summary>
public sealed class TrialStore
{
    private readonly Func<DbConnection> _connect;
    private readonly string _study;

    private TrialStore(Func<DbConnection> connect, string study, string description)
    {
        _connect = connect;
        _study = study;
        Description = description;
        using var connection = Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS adversa_trials (study TEXT NOT NULL, number INTEGER NOT NULL, round INTEGER NOT NULL, parameters TEXT NOT NULL,
                state TEXT NOT NULL, owner TEXT, lease_until BIGINT, objective DOUBLE PRECISION, seconds DOUBLE PRECISION, attempts INTEGER NOT NULL DEFAULT 0,
                error TEXT, PRIMARY KEY (study, number));
            CREATE TABLE IF NOT EXISTS adversa_rounds (study TEXT NOT NULL, round INTEGER NOT NULL, PRIMARY KEY (study, round))
            """);
    }

    /// <summary>Where the trials are (without a password).</summary>
    public string Description { get; }

    /// <summary>
    /// The store at <paramref name="url"/> (<c>postgresql://...</c>, or a SQLite file path) for the study named
    /// <paramref name="study"/> (one PostgreSQL database holds many studies).
    /// </summary>
    public static TrialStore Open(string url, string study)
    {
        if (url.StartsWith("postgresql://", StringComparison.Ordinal) || url.StartsWith("postgres://", StringComparison.Ordinal))
        {
            var uri = new Uri(url);
            var user = uri.UserInfo.Split(':', 2);
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port, Database = uri.AbsolutePath.Trim('/'),
                Username = Uri.UnescapeDataString(user[0]), Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            };
            var connectionString = builder.ConnectionString;
            return Guard(() => new TrialStore(() => new NpgsqlConnection(connectionString), study, $"postgresql://{uri.Host}:{builder.Port}/{builder.Database}"), url);
        }
        var path = url.StartsWith("sqlite:", StringComparison.Ordinal) ? url["sqlite:".Length..] : url;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Workers in other processes wait for the file's write lock (up to a minute) rather than fail.
        var sqlite = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 60, Pooling = false }.ConnectionString;
        return Guard(() =>
        {
            using (var connection = new SqliteConnection(sqlite))
            {
                connection.Open();
                Execute(connection, "PRAGMA journal_mode=WAL");
            }
            return new TrialStore(() => new SqliteConnection(sqlite), study, path);
        }, url);
    }

    /// <summary>Adds the trials of <paramref name="round"/> unless a worker already did (the round's row is the lock); whether these were added.</summary>
    public bool AddRound(int round, IReadOnlyList<IReadOnlyDictionary<string, string>> values)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        if (Execute(connection, "INSERT INTO adversa_rounds (study, round) VALUES (@study, @round) ON CONFLICT DO NOTHING", transaction, ("round", round)) == 0)
            return false;
        var first = Convert.ToInt32(Scalar(connection, "SELECT COALESCE(MAX(number), 0) FROM adversa_trials WHERE study = @study", transaction), CultureInfo.InvariantCulture);
        for (var i = 0; i < values.Count; i++)
            Execute(connection, "INSERT INTO adversa_trials (study, number, round, parameters, state) VALUES (@study, @number, @round, @parameters, 'pending')", transaction,
                ("number", first + 1 + i), ("round", round), ("parameters", JsonSerializer.Serialize(values[i])));
        transaction.Commit();
        return true;
    }

    /// <summary>Hands the first pending trial, or one whose lease ran out, to <paramref name="owner"/> until <paramref name="leaseUntil"/>; null when none is free.</summary>
    public Trial? Claim(string owner, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        using var connection = Open();
        const string free = "(state = 'pending' OR (state = 'running' AND lease_until < @now))";
        using var command = Command(connection, $"""
            UPDATE adversa_trials SET state = 'running', owner = @owner, lease_until = @lease, attempts = attempts + 1
            WHERE study = @study AND {free} AND number = (SELECT number FROM adversa_trials WHERE study = @study AND {free} ORDER BY number LIMIT 1)
            RETURNING number
            """, null, ("owner", owner), ("now", now.ToUnixTimeMilliseconds()), ("lease", leaseUntil.ToUnixTimeMilliseconds()));
        var number = command.ExecuteScalar();
        return number is null or DBNull ? null : All().Single(t => t.Number == Convert.ToInt32(number, CultureInfo.InvariantCulture));
    }

    /// <summary>Extends <paramref name="owner"/>'s lease of trial <paramref name="number"/>; false when it is no longer theirs.</summary>
    public bool Renew(int number, string owner, DateTimeOffset leaseUntil)
    {
        using var connection = Open();
        return Execute(connection, "UPDATE adversa_trials SET lease_until = @lease WHERE study = @study AND number = @number AND owner = @owner AND state = 'running'", null,
            ("lease", leaseUntil.ToUnixTimeMilliseconds()), ("number", number), ("owner", owner)) == 1;
    }

    /// <summary>Hands trial <paramref name="number"/> back (a worker stopped on request): pending again, for the next claim to continue.</summary>
    public bool Release(int number, string owner)
    {
        using var connection = Open();
        return Execute(connection, "UPDATE adversa_trials SET state = 'pending', owner = NULL, lease_until = NULL WHERE study = @study AND number = @number AND owner = @owner AND state = 'running'", null,
            ("number", number), ("owner", owner)) == 1;
    }

    /// <summary>Records trial <paramref name="number"/>'s result (a failure when <paramref name="error"/> is given); false when it is no longer <paramref name="owner"/>'s.</summary>
    public bool Finish(int number, string owner, double? objective, double seconds, string? error = null)
    {
        using var connection = Open();
        return Execute(connection, "UPDATE adversa_trials SET state = @state, objective = @objective, seconds = @seconds, error = @error, lease_until = NULL " +
            "WHERE study = @study AND number = @number AND owner = @owner AND state = 'running'", null,
            ("state", error is null ? "done" : "failed"), ("objective", (object?)objective ?? DBNull.Value), ("seconds", seconds), ("error", (object?)error ?? DBNull.Value),
            ("number", number), ("owner", owner)) == 1;
    }

    /// <summary>Every trial of the study, by number.</summary>
    public IReadOnlyList<Trial> All()
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT number, round, parameters, state, owner, lease_until, objective, seconds, attempts, error FROM adversa_trials WHERE study = @study ORDER BY number", null);
        using var reader = command.ExecuteReader();
        var trials = new List<Trial>();
        while (reader.Read())
            trials.Add(new Trial(reader.GetInt32(0), reader.GetInt32(1), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!,
                ConfigEnum.Parse<TrialState>(reader.GetString(3), "state"), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.IsDBNull(6) ? null : reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7), reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        return trials;
    }

    private DbConnection Open()
    {
        var connection = _connect();
        connection.Open();
        return connection;
    }

    private static T Guard<T>(Func<T> open, string url)
    {
        try
        {
            return open();
        }
        catch (DbException e)
        {
            throw new InvalidInputException("store", url, $"cannot be opened ({e.Message})", e);
        }
    }

    private DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters.Prepend(("study", _study)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private int Execute(DbConnection connection, string sql, DbTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(DbConnection connection, string sql, DbTransaction? transaction)
    {
        using var command = Command(connection, sql, transaction);
        return command.ExecuteScalar();
    }
}
