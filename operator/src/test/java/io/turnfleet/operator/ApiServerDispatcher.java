package io.turnfleet.operator;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CRUD mock, plus two things an API server does that it lacks. It answers a
 * SelfSubjectRulesReview with the rules granted to the caller (the CRUD mock alone would echo the
 * review back without a status): java-operator-sdk sends one before leader election to check its
 * Lease permissions; tests grant the rules the Helm chart grants, so the check runs as it would in a
 * cluster. And it answers a chosen write with 409 Conflict, as a kube-apiserver does when the
 * controller manager wrote the object since the writer read it.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
  static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private final List<ResourceRule> granted = new CopyOnWriteArrayList<>();

  private final Queue<String> conflicts = new ConcurrentLinkedQueue<>();

  void grant(List<ResourceRule> rules) {
    granted.addAll(rules);
  }

  /** The next request with this method and path (without query) gets 409 Conflict. */
  void conflictOnNext(String method, String path) {
    conflicts.add(method + " " + path);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (conflicts.remove(request.getMethod() + " " + request.getPath().split("\\?")[0])) {
      Status conflict = new StatusBuilder().withStatus("Failure").withCode(409).withReason("Conflict")
          .withMessage("Operation cannot be fulfilled: the object has been modified; please apply your changes to the"
              + " latest version and try again")
          .build();
      return new MockResponse().setResponseCode(409).setBody(Serialization.asJson(conflict));
    }
    return super.dispatch(request);
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    if (!request.getPath().startsWith(PATH)) {
      return super.handleCreate(request);
    }
    SelfSubjectRulesReview review = Serialization.unmarshal(request.getUtf8Body(), SelfSubjectRulesReview.class);
    review.setStatus(new SubjectRulesReviewStatusBuilder()
        .withResourceRules(List.copyOf(granted))
        .withNonResourceRules(List.of())
        .withIncomplete(false)
        .build());
    return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
  }
}
