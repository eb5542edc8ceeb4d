package dev.athanor.model.secrets;

/** Port: reads a secret's current value by its id (an ARN or name in AWS Secrets Manager). */
public interface SecretReader {

    String read(String secretId);
}
