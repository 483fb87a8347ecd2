namespace Adversa.Runtime;

/// <summary>A problem with what the user supplied (a file, an option, a value); its message is one line that names the culprit.</summary>
public sealed class InvalidInputException(string message, Exception? inner = null) : Exception(message, inner);
