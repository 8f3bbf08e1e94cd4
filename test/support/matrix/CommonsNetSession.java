// One Apache Commons Net FTPSClient session for the client matrix (run as a single-file source:
// java -cp /usr/share/java/commons-net.jar CommonsNetSession.java). Explicit TLS, PROT P, passive
// upload into files/, list, download. Input (the password included) is JSON-free on stdin: five
// lines host, port, user, password, remote path, local file. The result is one JSON line on stdout.
import java.io.*;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.Arrays;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;

public class CommonsNetSession {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    String host = in.readLine(), port = in.readLine(), user = in.readLine(), password = in.readLine(), remote = in.readLine(), file = in.readLine();
    String step = "login";
    FTPSClient ftp = new FTPSClient(false);
    // The matrix measures compatibility, not verification: the preview's certificate is self-signed.
    ftp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    ftp.setConnectTimeout(15000);
    ftp.setDefaultTimeout(15000);
    try {
      ftp.connect(host, Integer.parseInt(port));
      if (!ftp.login(user, password)) throw new IOException(ftp.getReplyString());
      ftp.execPBSZ(0);
      ftp.execPROT("P");
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      step = "upload";
      byte[] sent = Files.readAllBytes(Paths.get(file));
      if (!ftp.storeFile(remote, new ByteArrayInputStream(sent))) throw new IOException(ftp.getReplyString());
      step = "list";
      String[] names = ftp.listNames("files");
      if (names == null) throw new IOException(ftp.getReplyString());
      step = "download";
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      if (!ftp.retrieveFile(remote, got)) throw new IOException(ftp.getReplyString());
      step = "checksum";
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      boolean same = Arrays.equals(sha.digest(sent), MessageDigest.getInstance("SHA-256").digest(got.toByteArray()));
      if (!same) throw new IOException("checksums differ");
      System.out.println("{\"ok\":true,\"step\":\"\",\"error\":\"\"}");
    } catch (Exception e) {
      String msg = String.valueOf(e.getMessage()).replace("\\", "/").replace("\"", "'").replaceAll("\\s+", " ");
      System.out.println("{\"ok\":false,\"step\":\"" + step + "\",\"error\":\"" + msg + "\"}");
    } finally {
      try { ftp.disconnect(); } catch (IOException ignored) { }
    }
  }
}
