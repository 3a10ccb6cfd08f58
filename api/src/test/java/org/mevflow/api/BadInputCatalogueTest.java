package org.mevflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.Tables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The bad-input catalogue: every class of bad request a user, a broken client or an attacker sends,
 * from bytes Tomcat cannot parse to JSON of the wrong type and signatures that are bombs. Each one
 * must be refused with its 4xx, as {@code application/problem+json} with a reason, and leave
 * nothing behind: the same rows in every table and the same objects in storage as before.
 */
@ApiTest
class BadInputCatalogueTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired PasswordEncoder passwords;
  @Autowired DSLContext db;
  @Autowired OperationRepository operations;
  @Autowired ObjectStorage storage;

  @Value("${mevflow.storage.local.root}")
  Path storageRoot;

  Http http;
  String user;
  String token;
  String admin;
  String other;
  String workspace;
  String operation;
  String resource;

  /** What came back: status, content type, body. */
  record Answer(int status, String contentType, String body) {}

  record Case(String name, Supplier<Answer> request, int status, String reason) {}

  @BeforeEach
  void setUp() throws Exception {
    http = Http.local(port);
    String name = "c" + UUID.randomUUID().toString().substring(0, 8);
    long id = users.create(name, name + "@example.org", passwords.encode("pw"), false).getId();
    user = name;
    token = bearer(tokens.issue(id));
    String otherName = name + "o";
    other =
        bearer(
            tokens.issue(users.create(otherName, otherName + "@example.org", "x", false).getId()));
    String adminName = name + "a";
    admin =
        bearer(
            tokens.issue(users.create(adminName, adminName + "@example.org", "x", true).getId()));
    workspace =
        http.postJson("/api/workspaces/", token, "{\"workspace_name\":\"w-" + name + "\"}")
            .json()
            .get("id")
            .asText();
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    operation =
        new OperationCatalog(operations, storage, "mevflow-operations")
            .ingest(examples.resolve("row-sums"), null, null)
            .operation()
            .getId()
            .toString();
    resource =
        http.postFile(
                "/api/resources/upload/",
                token,
                "datafile",
                "m.tsv",
                "g\ts1\na\t1\n".getBytes(StandardCharsets.UTF_8))
            .json()
            .get("id")
            .asText();
  }

  // ---- requests

  private Answer of(Http.Response r) {
    return new Answer(r.status(), r.contentType(), r.body());
  }

  private Supplier<Answer> get(String path, String auth) {
    return () -> of(http.get(path, auth));
  }

  private Supplier<Answer> json(String method, String path, String auth, String body) {
    return () ->
        of(
            http.send(
                http.request(path, auth)
                    .header("Content-Type", "application/json")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body))));
  }

  private Supplier<Answer> file(String path, String auth, String field, String name, byte[] data) {
    return () -> of(http.postFile(path, auth, field, name, data));
  }

  /** Bytes on a socket, for what an HTTP client library refuses to send. */
  private Supplier<Answer> raw(String head, byte[] body) {
    return () -> {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(20_000);
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
        }
        String text = got.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(text.substring(9, 12));
        String headers = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
        String type =
            headers
                .lines()
                .filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                .map(l -> l.substring(13).strip())
                .findFirst()
                .orElse("");
        String rest = text.substring(text.indexOf("\r\n\r\n") + 4);
        if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
          rest = rest.substring(rest.indexOf("\r\n") + 2);
        }
        return new Answer(status, type, rest);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  private Supplier<Answer> rawGet(String target, String extraHeaders) {
    return raw(
        "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Connection: close\r\n\r\n",
        new byte[0]);
  }

  private Supplier<Answer> multipart(String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
    return raw(
        "POST /api/resources/upload/ HTTP/1.1\r\nHost: x\r\nAuthorization: "
            + token
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n",
        bytes);
  }

  private static byte[] gzip(byte[] data) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(data);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  private static String jwt(String headerJson, String payloadJson, String signature) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + signature;
  }

  // ---- the catalogue

  List<Case> catalogue() {
    String run = "/api/operations/run/";
    String acc = "SRR" + (3_000_000 + (int) (Math.random() * 6_000_000));
    String sigHead =
        "[{\"class\":\"sourmash_signature\",\"name\":\""
            + acc
            + "\",\"signatures\":[{\"ksize\":31,\"max_hash\":18446744073709552,"
            + "\"molecule\":\"DNA\",\"mins\":[";
    byte[] spaces = new byte[30_000_000];
    java.util.Arrays.fill(spaces, (byte) ' ');
    spaces[0] = '[';
    String unsigned =
        jwt(
            "{\"alg\":\"none\",\"typ\":\"JWT\"}",
            "{\"token_type\":\"access\",\"user_id\":1,\"exp\":4102444800}",
            "");
    List<Case> c = new ArrayList<>();
    // -- what Tomcat or the firewall refuses before any route
    c.add(new Case("encoded slash", rawGet("/api/resources/a%2Fb/", ""), 400, "malformed"));
    c.add(new Case("encoded backslash", rawGet("/api/resources/a%5Cb/", ""), 400, "malformed"));
    c.add(new Case("bad %-escape", rawGet("/api/resources/%zz/", ""), 400, "malformed"));
    c.add(new Case("encoded NUL", rawGet("/api/resources/%00/", ""), 400, "malformed"));
    c.add(new Case("control character", rawGet("/api/\u0001/", ""), 400, "Invalid character"));
    c.add(new Case("semicolon", rawGet("/api/resources/;x/", ""), 400, "\";\""));
    c.add(new Case("double slash", rawGet("/api//resources/", ""), 400, "\"//\""));
    c.add(new Case("dot segments", rawGet("/api/../api/resources/", ""), 400, "rejected"));
    c.add(
        new Case(
            "headers over 8 KB",
            rawGet("/api/resources/", "X-Big: " + repeat('a', 9000) + "\r\n"),
            431,
            "header"));
    c.add(
        new Case(
            "an empty number in a query",
            get("/api/admin/jobs/?limit=", admin),
            400,
            "Failed to convert 'limit'"));
    c.add(
        new Case(
            "an empty boolean in a query",
            get("/api/admin/jobs/?failed=", admin),
            400,
            "Failed to convert 'failed'"));
    c.add(
        new Case(
            "a page past any integer offset",
            get(
                "/api/workspaces/" + workspace + "/metadata/features/?page=46440596&page_size=500",
                token),
            404,
            "Invalid page"));
    c.add(
        new Case(
            "TRACE",
            raw(
                "TRACE /api/resources/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                new byte[0]),
            405,
            "TRACE"));
    c.add(new Case("not HTTP", raw("GARBAGE\r\n\r\n", new byte[0]), 400, "method"));
    c.add(
        new Case(
            "HTTP/9.9",
            raw("GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]),
            505,
            "version"));
    c.add(
        new Case(
            "Content-Length not a number",
            raw(
                "POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n"
                    + "Connection: close\r\n\r\n",
                new byte[0]),
            400,
            "malformed"));
    // -- credentials
    c.add(new Case("no token", get("/api/workspaces/", null), 401, "Bearer"));
    c.add(new Case("bearer junk", get("/api/workspaces/", "Bearer x.y.z"), 401, "token"));
    c.add(new Case("unsigned JWT", get("/api/workspaces/", "Bearer " + unsigned), 401, "token"));
    c.add(new Case("not an admin", get("/api/admin/jobs/", token), 403, "admin"));
    c.add(
        new Case(
            "wrong password",
            () -> of(http.post("/v1/auth/tokens", basic(user, "wrong"))),
            401,
            "wrong username or password"));
    c.add(
        new Case(
            "login without password",
            json("POST", "/api/token/", null, "{\"email\":\"x@example.org\"}"),
            400,
            "password"));
    // -- JSON bodies
    c.add(
        new Case(
            "not JSON", json("POST", "/api/workspaces/", token, "hello"), 400, "not valid JSON"));
    c.add(
        new Case(
            "truncated JSON",
            json("POST", "/api/workspaces/", token, "{\"workspace_name\": "),
            400,
            "not valid JSON"));
    c.add(
        new Case(
            "JSON nested 5000 deep",
            json(
                "POST",
                "/api/workspaces/",
                token,
                "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
            400,
            "limits"));
    c.add(
        new Case(
            "name as a number",
            json("POST", "/api/workspaces/", token, "{\"workspace_name\": 12345}"),
            400,
            "'workspace_name' must be a string"));
    c.add(
        new Case(
            "name as a boolean",
            json("POST", "/api/workspaces/", token, "{\"workspace_name\": true}"),
            400,
            "'workspace_name' must be a string"));
    c.add(new Case("name missing", json("POST", "/api/workspaces/", token, "{}"), 400, "required"));
    c.add(
        new Case(
            "name blank",
            json("POST", "/api/workspaces/", token, "{\"workspace_name\": \"  \"}"),
            400,
            "required"));
    c.add(
        new Case(
            "name of 300 characters",
            json(
                "POST",
                "/api/workspaces/",
                token,
                "{\"workspace_name\": \"" + repeat('n', 300) + "\"}"),
            400,
            "longer than"));
    c.add(
        new Case(
            "array for an object", json("POST", "/api/workspaces/", token, "[]"), 400, "object"));
    c.add(new Case("empty body", json("POST", "/api/workspaces/", token, ""), 400, "body"));
    c.add(
        new Case(
            "text/plain body",
            () ->
                of(
                    http.send(
                        http.request("/api/workspaces/", token)
                            .header("Content-Type", "text/plain")
                            .POST(
                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "workspace_name=x")))),
            415,
            "text/plain"));
    // -- uploads
    c.add(
        new Case(
            "upload without the file field",
            file("/api/resources/upload/", token, "other", "x.tsv", new byte[] {1}),
            400,
            "'datafile'"));
    c.add(
        new Case(
            "empty upload",
            file("/api/resources/upload/", token, "datafile", "x.tsv", new byte[0]),
            400,
            "'datafile'"));
    c.add(
        new Case(
            "upload over the limit",
            file("/api/resources/upload/", token, "datafile", "big.tsv", new byte[1_100_000]),
            413,
            "limited to"));
    c.add(
        new Case(
            "file name of 504 characters",
            file(
                "/api/resources/upload/",
                token,
                "datafile",
                repeat('f', 500) + ".tsv",
                new byte[] {1}),
            400,
            "at most 255"));
    c.add(
        new Case(
            "multipart without its end",
            multipart(
                "multipart/form-data; boundary=XX",
                "--XX\r\nContent-Disposition: form-data; name=\"datafile\"; filename=\"a.tsv\"\r\n"
                    + "\r\na\tb\n"),
            400,
            "ends before its closing boundary"));
    c.add(
        new Case(
            "multipart without a boundary",
            multipart("multipart/form-data", "abc"),
            400,
            "boundary"));
    c.add(
        new Case(
            "NUL in a file name",
            multipart(
                "multipart/form-data; boundary=XX",
                "--XX\r\nContent-Disposition: form-data; name=\"datafile\"; filename=\"a\u0000b\"\r\n"
                    + "\r\na\tb\n\r\n--XX--\r\n"),
            400,
            "NUL"));
    // -- resources and workspaces
    c.add(new Case("resource id not a UUID", get("/api/resources/nope/", token), 404, "nope"));
    c.add(
        new Case(
            "another user's resource",
            get("/api/resources/" + resource + "/", other),
            404,
            resource));
    c.add(
        new Case(
            "unknown resource type",
            json(
                "PATCH", "/api/resources/" + resource + "/", token, "{\"resource_type\":\"NOPE\"}"),
            400,
            "NOPE"));
    c.add(
        new Case(
            "resource name of 300 characters",
            json(
                "PATCH",
                "/api/resources/" + resource + "/",
                token,
                "{\"name\":\"" + repeat('r', 300) + "\"}"),
            400,
            "at most 255"));
    c.add(new Case("workspace id not a UUID", get("/api/workspaces/42/", token), 404, "42"));
    // -- analyses
    c.add(
        new Case(
            "unknown operation",
            json(
                "POST",
                run,
                token,
                "{\"operation_id\":\""
                    + UUID.randomUUID()
                    + "\",\"workspace_id\":\""
                    + workspace
                    + "\",\"inputs\":{}}"),
            400,
            "no operation"));
    c.add(
        new Case(
            "job name of 300 characters",
            json(
                "POST",
                run,
                token,
                "{\"operation_id\":\""
                    + operation
                    + "\",\"workspace_id\":\""
                    + workspace
                    + "\",\"job_name\":\""
                    + repeat('j', 300)
                    + "\",\"inputs\":{}}"),
            400,
            "255"));
    c.add(
        new Case(
            "job name as a number",
            json(
                "POST",
                run,
                token,
                "{\"operation_id\":\""
                    + operation
                    + "\",\"workspace_id\":\""
                    + workspace
                    + "\",\"job_name\":12,\"inputs\":{}}"),
            400,
            "'job_name' must be a string"));
    c.add(
        new Case(
            "inputs not an object",
            json(
                "POST",
                run,
                token,
                "{\"operation_id\":\""
                    + operation
                    + "\",\"workspace_id\":\""
                    + workspace
                    + "\",\"inputs\":[1]}"),
            400,
            "inputs"));
    c.add(
        new Case(
            "required input missing",
            json(
                "POST",
                run,
                token,
                "{\"operation_id\":\""
                    + operation
                    + "\",\"workspace_id\":\""
                    + workspace
                    + "\",\"inputs\":{}}"),
            400,
            "matrix"));
    c.add(
        new Case(
            "a resource input given as a number",
            json(
                "POST",
                run,
                token,
                "{\"operation_id\":\""
                    + operation
                    + "\",\"workspace_id\":\""
                    + workspace
                    + "\",\"inputs\":{\"matrix\": 5}}"),
            400,
            "matrix"));
    // -- wort
    c.add(
        new Case(
            "bad SRA accession",
            () -> of(http.post("/v1/compute/sra/SRR12", token)),
            400,
            "not a valid"));
    c.add(new Case("unknown database", get("/v1/view/nope/x", null), 404, "not supported"));
    c.add(
        new Case("compute for IMG", () -> of(http.post("/v1/compute/img/123", null)), 404, "IMG"));
    c.add(new Case("signature never computed", get("/v1/view/sra/" + acc, null), 404, acc));
    c.add(
        new Case(
            "submission of junk",
            file(
                "/v1/submit/sra/" + acc,
                token,
                "file",
                "x.sig",
                "junk".getBytes(StandardCharsets.UTF_8)),
            400,
            "not a sourmash signature"));
    c.add(
        new Case(
            "submission without a file",
            file("/v1/submit/sra/" + acc, token, "other", "x.sig", new byte[] {1}),
            400,
            "'file'"));
    c.add(
        new Case(
            "gzip bomb of white space",
            file("/v1/submit/sra/" + acc, token, "file", "x.sig.gz", gzip(spaces)),
            400,
            "bomb"));
    c.add(
        new Case(
            "gzip bomb of one hash repeated",
            file(
                "/v1/submit/sra/" + acc,
                token,
                "file",
                "x.sig.gz",
                gzip(
                    (sigHead + "1,".repeat(3_000_000) + "1]}]}]")
                        .getBytes(StandardCharsets.US_ASCII))),
            400,
            "not strictly ascending"));
    c.add(
        new Case(
            "signature for another accession",
            file(
                "/v1/submit/sra/" + acc,
                token,
                "file",
                "x.sig",
                (sigHead.replace(acc, "SRR1") + "5]}]}]").getBytes(StandardCharsets.US_ASCII)),
            400,
            "is named"));
    c.add(
        new Case(
            "token route without credentials",
            () -> of(http.post("/v1/auth/tokens", null)),
            401,
            "Basic"));
    return c;
  }

  // ---- what was stored

  private Map<String, Integer> rows() {
    return Map.of(
        "users", db.fetchCount(Tables.USERS),
        "workspaces", db.fetchCount(Tables.WORKSPACES),
        "resources", db.fetchCount(Tables.RESOURCES),
        "executions", db.fetchCount(Tables.EXECUTIONS),
        "datasets", db.fetchCount(Tables.DATASETS),
        "submissions", db.fetchCount(Tables.SUBMISSIONS));
  }

  private long objects() throws IOException {
    if (!Files.exists(storageRoot)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(storageRoot)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputIsA4xxProblemWithItsReasonAndStoresNothing() {
    List<Case> cases = catalogue();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(48);
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Map<String, Integer> before = rows();
                      long objectsBefore = objects();
                      Answer a = c.request().get();
                      assertThat(a.status()).as(c.name() + ": " + a.body()).isEqualTo(c.status());
                      assertThat(a.contentType())
                          .as(c.name() + ": " + a.body())
                          .startsWith("application/problem+json");
                      JsonNode body = JSON.readTree(a.body());
                      String reason = body.path("detail").asText(body.path("status").asText(""));
                      assertThat(reason).as(c.name()).containsIgnoringCase(c.reason());
                      assertThat(a.body()).doesNotContain("\tat ").doesNotContain("Exception:");
                      assertThat(rows()).as(c.name() + ": rows").isEqualTo(before);
                      assertThat(objects()).as(c.name() + ": objects").isEqualTo(objectsBefore);
                    }));
  }

  /** A method the firewall refuses is a 405 that names the methods answered (RFC 9110). */
  @Test
  void aRefusedMethodNamesTheMethodsAnswered() throws Exception {
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/resources/"))
                    .method("QUERY", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(405);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(answer.headers().firstValue("Allow"))
        .contains("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  }
}
